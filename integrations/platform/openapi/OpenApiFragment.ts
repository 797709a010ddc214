/** A port's part of the platform's OpenAPI document (`<port>/openapi.json`): its paths and its schemas. */
export interface OpenApiFragment {
  readonly paths: Readonly<Record<string, unknown>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}
