import { capture } from '../../support/capture';
import { readEventStream } from '../../support/readEventStream';

/** An admin console client over HTTP: logs in through /api/agent/login, keeps the cookie and CSRF token, records its calls. */
export class AdminClient {
  private cookie = '';
  csrf = '';
  /** Every call made, as "METHOD /path" (query left out). */
  readonly calls: string[] = [];

  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<number> {
    const res = await fetch(`${this.base}/api/agent/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { csrfToken?: string };
    this.cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
    this.csrf = body.csrfToken ?? '';
    return res.status;
  }

  async request<T>(method: string, path: string, data?: unknown, csrf = this.csrf): Promise<{ status: number; body: T }> {
    this.calls.push(`${method} ${path.split('?')[0]}`);
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': csrf };
    if (data !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, body: data === undefined ? undefined : JSON.stringify(data) });
    const text = await res.text();
    if (res.status >= 400) capture('http-errors', `${method} ${path.split('?')[0]} ${res.status} ${text}`);
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, data: unknown = {}, csrf = this.csrf) {
    return this.request<T>('POST', path, data, csrf);
  }

  put<T = Record<string, unknown>>(path: string, data: unknown, csrf = this.csrf) {
    return this.request<T>('PUT', path, data, csrf);
  }

  del<T = Record<string, unknown>>(path: string, csrf = this.csrf) {
    return this.request<T>('DELETE', path, undefined, csrf);
  }

  /** Listens to /api/admin/events and collects the events until closed. */
  events(): { received: Array<{ event: string; data: Record<string, unknown> }>; status: Promise<number>; close: () => void } {
    const received: Array<{ event: string; data: Record<string, unknown> }> = [];
    const controller = new AbortController();
    this.calls.push('GET /api/admin/events');
    let resolveStatus: (s: number) => void = () => undefined;
    const status = new Promise<number>((r) => { resolveStatus = r; });
    void (async () => {
      try {
        const res = await fetch(`${this.base}/api/admin/events`, { headers: { cookie: this.cookie, accept: 'text/event-stream' }, signal: controller.signal });
        resolveStatus(res.status);
        await readEventStream(res, (e) => received.push(e));
      } catch {
        resolveStatus(0);
      }
    })();
    return { received, status, close: () => controller.abort() };
  }
}

export interface IntentView {
  name: string; description: string; domain: string; isFaq: boolean; answers: Record<string, string[]>;
  counts: Record<string, number>; tests: number; f1: number | null;
}
export interface UtteranceView { id: number; intent: string; locale: string; text: string; split: string; source: string; createdAt: string }
export interface InboxView { groups: Array<{ representative: string; count: number; items: Array<{ id: number; text: string; locale: string; intent: string; status: string; createdAt: string }> }> }
export interface VersionView { id: string; number: number; status: string; progress: { phase: string; percent: number }; accuracy: number | null; live: boolean; intents: string[]; error?: string }
export interface AuditView { entries: Array<{ id: number; at: string; actor: string; action: string; target?: string; details?: Record<string, unknown>; summary: string }> }

export const waitUntil = async (what: string, check: () => Promise<boolean>, ms: number): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
