import restify, { type Request, type Response, type Server } from 'restify';
import type { SmsPort } from '../integrations/platform/types';
import type { Logger } from './logger';
import { answerStorageFault } from './web/answerStorageFault';
import { bodyRuleFor } from './web/body/bodyRules';
import { parseBodies } from './web/body/parseBodies';
import { apiHeaders, CONSOLE_API_PREFIXES } from './web/apiHeaders';

export interface ServerDeps {
  logger: Logger;
  /** The sandbox SMS outbox; present only in sandbox mode, so /sandbox/sms does not exist in http mode. */
  sandboxSms?: SmsPort;
  isReady: () => boolean;
  /** More routes (channels — /api/messages, /api/wechat —, sandbox, pages), installed after the core ones. */
  routes?: ReadonlyArray<(server: Server) => void>;
}

export interface BotServer {
  server: Server;
  /** Requests being processed now (a graceful shutdown waits for them). */
  inFlight(): number;
}

/** The restify server with every route, built without listening (tests call it directly). */
export function makeServer(deps: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'jiaoguan-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  server.pre((req: Request, res: Response, next: restify.Next) => {
    // Event streams stay open for as long as a page is; they are not requests a shutdown waits for.
    if (req.header('accept') === 'text/event-stream') return next();
    inFlight += 1;
    res.once('finish', () => { inFlight -= 1; });
    res.once('close', () => { if (!res.writableFinished) inFlight -= 1; });
    next();
  });
  apiHeaders(server, CONSOLE_API_PREFIXES);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Our own body reading (no multipart, nothing on disk, a content type and a size cap per route): see bot/web/body/.
  server.use(parseBodies(bodyRuleFor));

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    const ready = deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
    next();
  });

  if (deps.sandboxSms) {
    const sms = deps.sandboxSms;
    server.get('/sandbox/sms', async (req: Request, res: Response) => {
      const phone = String((req.query as Record<string, unknown> | undefined)?.phone ?? '');
      if (!/^1[3-9]\d{9}$/.test(phone)) {
        res.send(400, { error: 'phone must be a mainland mobile number (11 digits, 13x to 19x): the phone the code was sent to' });
        return;
      }
      res.send(200, { phone, messages: await sms.outbox(phone) });
    });
  }

  for (const install of deps.routes ?? []) install(server);

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if (answerStorageFault(req, res, err, deps.logger)) return cb();
    if ((err.statusCode ?? 500) >= 500) deps.logger.error({ err, path: req.path() }, 'request failed');
    cb();
  });
  return { server, inFlight: () => inFlight };
}
