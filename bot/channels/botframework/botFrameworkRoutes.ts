import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { BotFrameworkAccess } from '../../config';
import { sendApiError } from '../../web/apiError';
import { WECHAT_CHANNEL_ID } from '../wechat/toActivity';
import { isLoopbackHost, isLoopbackUrl } from '../../web/loopback';

export interface BotFrameworkRouteOptions {
  access: BotFrameworkAccess;
  adapter: CloudAdapter;
  bot: ActivityHandler;
}

/** Channel ids that belong to another entry point of this bot: a Bot Framework activity may never claim them. */
const RESERVED_CHANNELS: ReadonlySet<string> = new Set([WECHAT_CHANNEL_ID]);

/**
 * POST /api/messages, the Bot Framework entry point (CloudAdapter). Closed (not served at all) in a deployment
 * without Bot Framework authentication. Anonymous only in a demo, for the Emulator on this machine: the request
 * must come straight from loopback and name a loopback serviceUrl, since the bot posts its replies there.
 * Whatever the access, an activity claiming another entry point's channel is refused before it runs.
 */
export function botFrameworkRoutes(o: BotFrameworkRouteOptions): (server: Server) => void {
  return (server) => {
    if (o.access === 'closed') return;
    server.post('/api/messages', async (req: Request, res: Response) => {
      const activity = (req.body && typeof req.body === 'object' ? req.body : {}) as { channelId?: unknown; serviceUrl?: unknown };
      if (typeof activity.channelId === 'string' && RESERVED_CHANNELS.has(activity.channelId.toLowerCase())) {
        sendApiError(res, 403, 'CHANNEL_RESERVED', `channelId "${activity.channelId}" belongs to another entry point of this bot (POST /api/wechat); /api/messages does not accept it`);
        return;
      }
      if (o.access === 'anonymous') {
        const forwarded = req.header('x-forwarded-for') || req.header('forwarded');
        if (forwarded || !isLoopbackHost(req.socket.remoteAddress ?? '')) {
          sendApiError(res, 403, 'ANONYMOUS_LOCAL_ONLY', 'anonymous /api/messages (no MicrosoftAppId) answers only the Bot Framework Emulator on this machine; configure MicrosoftAppId and MicrosoftAppPassword to accept Bot Framework channels');
          return;
        }
        if (typeof activity.serviceUrl !== 'string' || !isLoopbackUrl(activity.serviceUrl)) {
          sendApiError(res, 403, 'SERVICE_URL_NOT_LOOPBACK', 'anonymous /api/messages replies only to a loopback serviceUrl (http://localhost:<port>, the Emulator)');
          return;
        }
      }
      await o.adapter.process(req, res, (ctx) => o.bot.run(ctx));
    });
  };
}
