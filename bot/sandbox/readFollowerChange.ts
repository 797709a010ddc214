import type { FollowerSettings } from '../../integrations/wechat/sandbox/SandboxWeChatServer';

const KEYS: ReadonlySet<string> = new Set(['notices', 'blocked', 'following']);
const EXAMPLE = 'e.g. {"notices": "reject"}, {"blocked": true} or {"following": false}';

/**
 * The body of POST /sandbox/wechat/followers: what changes in the follower's WeChat settings, or why the body is
 * refused (the message names the field and what it accepts).
 */
export function readFollowerChange(body: unknown): Partial<FollowerSettings> | { error: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: `the body must be a JSON object, ${EXAMPLE}` };
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !KEYS.has(k));
  if (unknown !== undefined) return { error: `unknown field "${unknown}": only notices, blocked and following can be set, ${EXAMPLE}` };
  if (b.notices !== undefined && b.notices !== 'accept' && b.notices !== 'reject') return { error: 'notices must be "accept" or "reject"' };
  for (const key of ['blocked', 'following'] as const) {
    if (b[key] !== undefined && typeof b[key] !== 'boolean') return { error: `${key} must be true or false` };
  }
  if (Object.keys(b).length === 0) return { error: `nothing to change: give notices, blocked or following, ${EXAMPLE}` };
  return {
    ...(b.notices !== undefined ? { notices: b.notices as FollowerSettings['notices'] } : {}),
    ...(b.blocked !== undefined ? { blocked: b.blocked as boolean } : {}),
    ...(b.following !== undefined ? { following: b.following as boolean } : {}),
  };
}
