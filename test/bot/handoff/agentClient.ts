import { createHash } from 'node:crypto';
import { capture } from '../../support/capture';
import { readEventStream } from '../../support/readEventStream';

/** What an agent is shown (every /api/agent/ body) and every error body, for the PII scan. */
function shown(method: string, path: string, status: number, body: string): void {
  if (path.startsWith('/api/agent/') || status >= 400) capture('agent-api', `${method} ${path.split('?')[0]} ${status} ${body}`);
}

/** A console agent over HTTP: logs in, keeps the session cookie and CSRF token, calls /api/agent/. */
export class AgentClient {
  private cookie = '';
  csrf = '';

  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.base}/api/agent/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    const text = await res.text();
    shown('POST', '/api/agent/login', res.status, text);
    const body = JSON.parse(text) as Record<string, unknown>;
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    if (typeof body.csrfToken === 'string') this.csrf = body.csrfToken;
    return { status: res.status, body };
  }

  async get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
    const text = await res.text();
    shown('GET', path, res.status, text);
    return { status: res.status, body: JSON.parse(text) as T };
  }

  async post<T = Record<string, unknown>>(path: string, data: unknown = {}, csrf = this.csrf): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST', headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(data),
    });
    const text = await res.text();
    shown('POST', path, res.status, text);
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  async put<T = Record<string, unknown>>(path: string, data: unknown = {}, csrf = this.csrf): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'PUT', headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(data),
    });
    const text = await res.text();
    shown('PUT', path, res.status, text);
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Listens to /api/agent/events and collects the events (name, data) until closed. */
  events(): { received: Array<{ event: string; data: Record<string, unknown> }>; close: () => void; waitFor: (pred: (e: { event: string; data: Record<string, unknown> }) => boolean, ms?: number) => Promise<void> } {
    const received: Array<{ event: string; data: Record<string, unknown> }> = [];
    const controller = new AbortController();
    void (async () => {
      try {
        const res = await fetch(`${this.base}/api/agent/events`, { headers: { cookie: this.cookie, accept: 'text/event-stream' }, signal: controller.signal });
        await readEventStream(res, (e) => {
          capture('agent-api', `EVENT ${e.event} ${JSON.stringify(e.data)}`);
          received.push(e);
        });
      } catch {
        // aborted
      }
    })();
    const waitFor = async (pred: (e: { event: string; data: Record<string, unknown> }) => boolean, ms = 5000): Promise<void> => {
      const deadline = Date.now() + ms;
      while (!received.some(pred)) {
        if (Date.now() > deadline) throw new Error(`no such event; got ${JSON.stringify(received)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { received, close: () => controller.abort(), waitFor };
  }
}

export interface QueueItem {
  id: string; status: string; reason: string; citizen: { label: string; bound: boolean; idNumber?: string; phone?: string }; intents: string[]; agent?: { displayName: string };
  outcome?: string; lastCitizenText?: string; offeredTo?: { id: string; displayName: string }; rating?: { score: number; comment?: string }; hasHistory?: boolean;
}
export interface Queue { me?: { status: string; load: number; capacity: number }; waiting: QueueItem[]; mine: QueueItem[]; others: QueueItem[]; callbacks: QueueItem[] }

/** How the console labels an unbound WeChat follower (微信用户 · 3F9A: the hash of their channel user id, never the OpenID). */
export function wechatVisitorLabel(openid: string): string {
  return `微信用户 · ${createHash('sha256').update(`wechat:${openid}`).digest('hex').slice(0, 4).toUpperCase()}`;
}
