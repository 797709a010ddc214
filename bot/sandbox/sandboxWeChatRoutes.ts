import type { Request, Response, Server } from 'restify';
import type { ReceivedMessage, SandboxWeChatServer } from '../../integrations/wechat/sandbox/SandboxWeChatServer';
import { readFollowerChange } from './readFollowerChange';
import { openEventStream } from '../web/eventStream';
import { followerOpenid } from './followerOpenid';
import { sandboxPersonas } from '../../integrations/platform/sandbox/personas';
import type { WeChatMenuButton } from '../channels/wechat/menuKeys';

export interface SandboxWeChatPage {
  token: string;
  appId: string;
  /** The official account's ToUserName. */
  account: string;
  /** The account's custom menu as the messenger shows it (from the service modules: bot/channels/wechat/menuKeys). */
  menu: readonly WeChatMenuButton[];
}

/** OpenIDs of the sandbox personas' WeChat accounts, plus a visitor who never bound. */
const OPENIDS: Readonly<Record<string, string>> = {
  '320102199003071239': 'o_sandbox_zhangwei',
  '320583198512240024': 'o_sandbox_lina',
  '11010519491231002X': 'o_sandbox_wangqiang',
};
const NOTES: Readonly<Record<string, string>> = {
  '320102199003071239': '学员：科目一已通过，可约科目二',
  '320583198512240024': '车主：苏A12345，有未处理违法和待缴决定书',
  '11010519491231002X': '两辆新车待选号牌（一辆纯电动）',
};

/**
 * The sandbox's WeChat side: WeChat's API (token, customer-service and template messages) under
 * /sandbox/wechat/cgi-bin, the followers' own settings in WeChat (/sandbox/wechat/followers), the messenger page's
 * configuration, and a server-sent-event stream of the messages each follower received.
 */
export function sandboxWeChatRoutes(wechat: SandboxWeChatServer, page: SandboxWeChatPage): (server: Server) => void {
  return (server) => {
    server.get('/sandbox/wechat/cgi-bin/token', async (req: Request, res: Response) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      res.send(200, wechat.issueToken(String(q.grant_type ?? ''), String(q.appid ?? ''), String(q.secret ?? '')));
    });
    server.post('/sandbox/wechat/cgi-bin/message/custom/send', async (req: Request, res: Response) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      res.send(200, wechat.receiveCustom(String(q.access_token ?? ''), req.body));
    });
    server.post('/sandbox/wechat/cgi-bin/message/template/send', async (req: Request, res: Response) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      res.send(200, wechat.receiveTemplate(String(q.access_token ?? ''), req.body));
    });
    // What a follower set in WeChat itself (unfollowed, blocked the account, refused its messages): a demo or test
    // sets it to see the bot honour WeChat's refusal codes.
    server.get('/sandbox/wechat/followers', async (req: Request, res: Response) => {
      const openid = followerOpenid(req, res, '/sandbox/wechat/followers');
      if (openid) res.send(200, { openid, ...wechat.followerSettings(openid) });
    });
    server.post('/sandbox/wechat/followers', async (req: Request, res: Response) => {
      const openid = followerOpenid(req, res, '/sandbox/wechat/followers');
      if (!openid) return;
      const change = readFollowerChange(req.body);
      if ('error' in change) {
        res.send(400, { error: change.error, code: 'FOLLOWER_INVALID' });
        return;
      }
      res.send(200, { openid, ...wechat.setFollowerSettings(openid, change) });
    });
    server.get('/sandbox/wechat/config', async (_req: Request, res: Response) => {
      const personas = sandboxPersonas.citizens.map((c) => ({
        openid: OPENIDS[c.idNumber] ?? `o_sandbox_${c.idNumber.slice(-4)}`, name: c.name, phone: c.phone, idNumber: c.idNumber, note: NOTES[c.idNumber] ?? '',
      }));
      personas.push({ openid: 'o_sandbox_visitor', name: '新用户', phone: '', idNumber: '', note: '没有绑定身份的访客' });
      res.send(200, { ...page, personas });
    });
    server.get('/sandbox/wechat/messages', async (req: Request, res: Response) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const openid = String(q.openid ?? '');
      if (!openid) {
        res.send(400, { error: 'openid is required, e.g. /sandbox/wechat/messages?openid=o_sandbox_lina' });
        return;
      }
      res.send(200, { openid, messages: wechat.messages(openid, Number(q.after ?? 0) || 0) });
    });
    server.get('/sandbox/wechat/stream', async (req: Request, res: Response) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const openid = String(q.openid ?? '');
      if (!openid) {
        res.send(400, { error: 'openid is required, e.g. /sandbox/wechat/stream?openid=o_sandbox_lina' });
        return;
      }
      const lastId = Number(req.header('last-event-id') || q.after || 0) || 0;
      let unsubscribe = (): void => undefined;
      const stream = openEventStream(req, res, () => unsubscribe());
      // Each message once, in order: the replay and the live subscription may both see one.
      let sent = lastId;
      const deliver = (m: ReceivedMessage): void => {
        if (m.touser !== openid || m.id <= sent) return;
        sent = m.id;
        stream.send(m, { id: m.id });
      };
      unsubscribe = wechat.subscribe(deliver);
      for (const m of wechat.messages(openid, lastId)) deliver(m);
    });
  };
}
