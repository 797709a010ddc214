/** How one route's request body is read: as JSON (req.body an object/array/value) or as UTF-8 text (req.body a string). */
export interface BodyRule {
  kind: 'json' | 'text';
  /** Largest body accepted, in bytes. */
  limit: number;
  /** Media types accepted (lower case, no parameters). */
  types: readonly string[];
  /** A body without a Content-Type is read anyway (WeChat's servers are not documented to always send one). */
  untypedAllowed?: boolean;
}

const KiB = 1024;
const JSON_TYPES = ['application/json'];
const json = (limit: number): BodyRule => ({ kind: 'json', limit, types: JSON_TYPES });

/**
 * Every route's body, by restify route path (exact, or a prefix ending in "/"); the first match wins and a route
 * not listed gets DEFAULT_BODY_RULE. No route of the bot accepts files: multipart and forms are never read.
 */
export const BODY_RULES: ReadonlyArray<readonly [string, BodyRule]> = [
  // WeChat posts its XML as text/xml; the messenger page and the tests do too. Safe mode wraps it in base64.
  ['/api/wechat', { kind: 'text', limit: 64 * KiB, types: ['text/xml', 'application/xml', 'text/plain'], untypedAllowed: true }],
  // Bot Framework activities (attachments may be inline).
  ['/api/messages', json(256 * KiB)],
  ['/api/agent/login', json(16 * KiB)],
  // A whole corpus export re-imported (the shipped corpora are about 130 KB).
  ['/api/admin/import', json(1024 * KiB)],
  ['/api/agent/', json(64 * KiB)],
  ['/api/admin/', json(64 * KiB)],
  ['/sandbox/', json(64 * KiB)],
];

export const DEFAULT_BODY_RULE: BodyRule = json(16 * KiB);

/** The rule for a route path (restify's pattern, e.g. /api/admin/intents/:name). */
export function bodyRuleFor(routePath: string): BodyRule {
  for (const [path, rule] of BODY_RULES) {
    if (path.endsWith('/') ? routePath.startsWith(path) : routePath === path) return rule;
  }
  return DEFAULT_BODY_RULE;
}
