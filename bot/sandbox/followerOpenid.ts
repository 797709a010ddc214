import type { Request, Response } from 'restify';

/** The sandbox follower named by ?openid= (letters, digits, _ or -), or undefined once a 400 has been answered. */
export function followerOpenid(req: Request, res: Response, route: string): string | undefined {
  const openid = String(((req.query ?? {}) as Record<string, unknown>).openid ?? '');
  if (!/^[\w-]{1,64}$/.test(openid)) {
    res.send(400, { error: `openid is required (letters, digits, _ or -, at most 64), e.g. ${route}?openid=o_sandbox_zhangwei`, code: 'FOLLOWER_INVALID' });
    return undefined;
  }
  return openid;
}
