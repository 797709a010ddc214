import { ERROR_STATUS } from '../errors';
import events from '../events/openapi.json';
import exams from '../exams/openapi.json';
import identity from '../identity/openapi.json';
import plates from '../plates/openapi.json';
import type { PortName } from '../ports';
import sandbox from '../sandbox/openapi.json';
import sms from '../sms/openapi.json';
import violations from '../violations/openapi.json';
import base from './base.json';
import type { OpenApiFragment } from './OpenApiFragment';

/** Each port's fragment; a port of ../ports without one does not compile. */
const PORT_FRAGMENTS: { readonly [N in PortName]: OpenApiFragment } = { identity, exams, plates, violations, sms, events };

/** The assembled document. */
export interface PlatformOpenApi {
  readonly openapi: string;
  readonly info: typeof base.info;
  readonly servers: typeof base.servers;
  readonly paths: Readonly<Record<string, unknown>>;
  readonly components: { readonly schemas: Readonly<Record<string, unknown>>; readonly parameters: typeof base.components.parameters };
}

function addAll(into: Record<string, unknown>, from: Readonly<Record<string, unknown>> | undefined, what: string): void {
  for (const [key, value] of Object.entries(from ?? {})) {
    if (Object.hasOwn(into, key)) throw new Error(`platform OpenAPI: ${what} ${key} is described twice`);
    into[key] = value;
  }
}

/**
 * The traffic platform's HTTP contract, assembled: the shared part (./base.json: info, errors, headers), each port's
 * fragment in the ports' order, then the sandbox-only routes; the ErrorCode enum lists every declared code.
 * Served at /v1/openapi.json; ../openapi.json is this document written out (`npx tsx integrations/platform/openapi/write.ts`).
 */
export function assemblePlatformOpenApi(): PlatformOpenApi {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const fragment of [base, ...Object.values(PORT_FRAGMENTS), sandbox] as OpenApiFragment[]) {
    addAll(paths, fragment.paths, 'path');
    addAll(schemas, fragment.components?.schemas, 'schema');
  }
  schemas['ErrorCode'] = { ...base.components.schemas.ErrorCode, enum: Object.keys(ERROR_STATUS) };
  return { openapi: base.openapi, info: base.info, servers: base.servers, paths, components: { schemas, parameters: base.components.parameters } };
}
