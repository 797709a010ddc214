import type { Request, Response } from 'restify';

export interface EventStream {
  /** Writes one server-sent event (`event:` and `id:` lines only when given). */
  send(data: unknown, options?: { event?: string; id?: number }): void;
}

const KEEP_ALIVE_MS = 15_000;

/**
 * Answers a request with a server-sent event stream: the headers and a comment at once (so the page sees
 * it open), a keep-alive comment every 15 s, and `onClose` (to unsubscribe) when the client goes away.
 */
export function openEventStream(req: Request, res: Response, onClose: () => void): EventStream {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  let closed = false;
  const stop = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    onClose();
  };
  req.once('close', stop);
  res.once('close', stop);
  return {
    send(data, options = {}) {
      const head = `${options.event ? `event: ${options.event}\n` : ''}${options.id !== undefined ? `id: ${options.id}\n` : ''}`;
      res.write(`${head}data: ${JSON.stringify(data)}\n\n`);
    },
  };
}
