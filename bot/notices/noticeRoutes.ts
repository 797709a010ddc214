import type { Request, Response, Server } from 'restify';
import { NOTICE_STATUSES, type NoticeStore } from '../../integrations/storage/notices';
import type { NoticeTopicDefinition } from '../../dialogs/services/notices/NoticeTopic';
import type { AgentAuth } from '../accounts/AgentAuth';
import { adminRoute } from '../admin/adminRoute';
import { followerOpenid } from '../sandbox/followerOpenid';

/** Notice counts by topic and status, for admins (GET /api/admin/notices) and /metrics. */
export async function noticeCounts(store: NoticeStore, topics: readonly NoticeTopicDefinition[]) {
  const counts = await store.counts();
  return topics.map((t) => {
    const row: Record<string, number | string> = { topic: t.id, label: t.label['zh-CN'] };
    for (const s of NOTICE_STATUSES) row[s] = counts.find((c) => c.topic === t.id && c.status === s)?.n ?? 0;
    return row;
  });
}

/** A citizen in an admin's view: the channel and the last 4 characters of the id. */
const maskCitizen = (citizen: string): string => `${citizen.split(':')[0]}:…${citizen.slice(-4)}`;

export interface NoticeRoutesDeps {
  auth: AgentAuth;
  store: NoticeStore;
  topics: readonly NoticeTopicDefinition[];
  /** The demo: the messenger's persona card reads a follower's subscriptions. */
  sandbox: boolean;
}

/** GET /api/admin/notices (admins); in a demo, GET /sandbox/wechat/subscriptions?openid= (the persona card). */
export function noticeRoutes(d: NoticeRoutesDeps): (server: Server) => void {
  const route = adminRoute(d.auth, () => undefined);
  return (server) => {
    server.get('/api/admin/notices', route(false, async (_req: Request, res: Response) => {
      const failed = await d.store.failedJobs(20);
      res.send(200, {
        topics: await noticeCounts(d.store, d.topics),
        failed: failed.map((j) => ({
          citizen: maskCitizen(j.citizen), topic: j.topic, lastError: j.lastError ?? '', attempts: j.attempts, dueAt: new Date(j.dueAt).toISOString(),
        })),
      });
    }));
    if (!d.sandbox) return;
    server.get('/sandbox/wechat/subscriptions', async (req: Request, res: Response) => {
      const openid = followerOpenid(req, res, '/sandbox/wechat/subscriptions');
      if (!openid) return;
      const consents = await d.store.consents(`wechat:${openid}`);
      res.send(200, {
        openid,
        topics: d.topics.map((t) => {
          const c = consents.find((x) => x.topic === t.id);
          return { topic: t.id, label: t.label['zh-CN'], state: c?.state ?? 'unset', ...(c?.reason ? { reason: c.reason } : {}) };
        }),
      });
    });
  };
}
