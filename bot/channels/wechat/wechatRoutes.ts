import type { Request, Response, Server } from 'restify';
import type { WeChatWebhook, WebhookResponse } from './WeChatWebhook';

/** GET and POST /api/wechat: WeChat's webhook on restify (the request body arrives as raw text). */
export function wechatRoutes(webhook: WeChatWebhook): (server: Server) => void {
  const send = (res: Response, r: WebhookResponse): void => {
    res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': Buffer.byteLength(r.body) });
    res.end(r.body);
  };
  return (server) => {
    server.get('/api/wechat', async (req: Request, res: Response) => {
      send(res, webhook.verify((req.query ?? {}) as Record<string, unknown>));
    });
    server.post('/api/wechat', async (req: Request, res: Response) => {
      const body: unknown = req.body;
      const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
      send(res, await webhook.receive({ query: (req.query ?? {}) as Record<string, unknown>, body: text }));
    });
  };
}
