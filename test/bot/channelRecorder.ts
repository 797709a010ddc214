import { capture } from '../support/capture';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedReply {
  path: string;
  activity: {
    type?: string; name?: string; text?: string; replyToId?: string; value?: unknown; conversation?: { id: string };
    suggestedActions?: { actions: Array<{ title?: string }> }; attachments?: Array<{ contentType: string; content?: unknown }>;
  };
}

/**
 * Plays the Bot Framework channel connector (what the Emulator runs locally): the serviceUrl the bot
 * sends its replies to. Records every reply activity.
 */
export async function startChannelRecorder(): Promise<{ url: string; replies: RecordedReply[]; waitFor(n: number, ms?: number): Promise<RecordedReply[]>; close(): Promise<void> }> {
  const replies: RecordedReply[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.startsWith('/v3/conversations/')) {
        replies.push({ path: req.url, activity: JSON.parse(body || '{}') as RecordedReply['activity'] });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${replies.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    replies,
    async waitFor(n, ms = 5000) {
      const deadline = Date.now() + ms;
      while (replies.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return replies.slice(0, n);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let seq = 0;

/** A message activity as the Emulator posts it to /api/messages. */
export function emulatorMessage(serviceUrl: string, conversationId: string, text: string, userId = 'user-1'): Record<string, unknown> {
  seq += 1;
  return {
    type: 'message', id: `act-${seq}`, text, locale: 'zh-CN', channelId: 'emulator', serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: userId, name: 'Citizen', role: 'user' },
    recipient: { id: 'bot', name: 'jiaoguan-bot', role: 'bot' },
    conversation: { id: conversationId },
  };
}

/** POSTs an activity to `base`'s /api/messages as a channel would; error bodies go to the capture (the PII scan). */
export async function postActivity(base: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const r = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const body = await r.text();
  if (r.status >= 400) capture('http-errors', `POST /api/messages ${r.status} ${body}`);
  return { status: r.status, body };
}
