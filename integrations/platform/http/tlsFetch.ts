import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

/** TLS material for the gateway: a client certificate and key (mutual TLS) and/or the CA its certificate must chain to. */
export interface GatewayTls {
  readonly cert?: string;
  readonly key?: string;
  /** Replaces the system's CAs for this gateway when given (a private CA). */
  readonly ca?: string;
}

function headerPairs(headers: IncomingHttpHeaders): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, v]);
  }
  return pairs;
}

/**
 * A `fetch` for HttpPlatform over https with a TLS client certificate (Node's global fetch cannot be given one
 * without undici's dispatcher). Covers what HttpPlatform uses: method, headers, a string body, an abort signal;
 * the answer is read whole before it is returned.
 */
export function tlsFetch(tls: GatewayTls): typeof fetch {
  const agent = new Agent({ cert: tls.cert, key: tls.key, ca: tls.ca, keepAlive: true });
  const tlsFetchFn = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => new Promise<Response>((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:') {
      reject(new TypeError('a TLS client certificate needs an https:// URL'));
      return;
    }
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const req = request(url, { method: init.method ?? 'GET', headers, agent, signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('the gateway closed the connection before the answer was complete'));
      });
      res.on('end', () => {
        const status = res.statusCode ?? 502;
        const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status, statusText: res.statusMessage, headers: headerPairs(res.headers) }));
      });
    });
    req.on('error', reject);
    if (typeof init.body === 'string') req.write(init.body);
    req.end();
  });
  return tlsFetchFn as typeof fetch;
}
