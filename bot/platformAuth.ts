import { readFileSync } from 'node:fs';
import { isLoopbackHost } from './web/loopback';

/** How the bot proves itself to the traffic platform gateway (PLATFORM=http). Never logged. */
export interface PlatformAuth {
  /** Sent as `Authorization: Bearer <token>` on every call (PLATFORM_TOKEN or PLATFORM_TOKEN_FILE). */
  readonly token?: string;
  /** PEM contents read at start: the client certificate and key (mutual TLS) and/or the CA the gateway's certificate is checked against. */
  readonly tls?: { readonly cert?: string; readonly key?: string; readonly ca?: string };
}

const NAMES = ['PLATFORM_TOKEN', 'PLATFORM_TOKEN_FILE', 'PLATFORM_CLIENT_CERT', 'PLATFORM_CLIENT_KEY', 'PLATFORM_CA', 'PLATFORM_ALLOW_HTTP'] as const;
/** RFC 6750 b64token: what may follow "Bearer " in a header. */
const BEARER = /^[A-Za-z0-9\-._~+/]+=*$/;

/** A file's content, or a problem naming the variable and the file (never the content: it is a secret). */
function readSecretFile(name: string, path: string, problems: string[]): string | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    if (!text.trim()) {
      problems.push(`${name}: the file "${path}" is empty`);
      return undefined;
    }
    return text;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    problems.push(`${name}: cannot read the file "${path}" (${typeof code === 'string' ? code : 'unreadable'})`);
    return undefined;
  }
}

function readPem(name: string, path: string | undefined, kind: RegExp, problems: string[]): string | undefined {
  if (path === undefined) return undefined;
  const pem = readSecretFile(name, path, problems);
  if (pem !== undefined && !kind.test(pem)) {
    problems.push(`${name}: the file "${path}" is not a PEM ${kind === PEM_KEY ? 'private key' : 'certificate'} (-----BEGIN …-----)`);
    return undefined;
  }
  return pem;
}
const PEM_CERT = /-----BEGIN CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/**
 * The gateway's credentials for PLATFORM=http, read and checked at start (files included), every problem naming
 * its variable and none carrying a secret. Refused: plain http:// to a host other than this machine unless
 * PLATFORM_ALLOW_HTTP=true, and a gateway outside this machine without any credential. A loopback gateway
 * (a local test gateway, `npm run sandbox`) may go without.
 */
export function readPlatformAuth(
  get: (name: string) => string | undefined,
  platform: string,
  platformUrl: string | undefined,
  problems: string[],
): PlatformAuth | undefined {
  if (platform !== 'http') {
    for (const name of NAMES) if (get(name) !== undefined) problems.push(`${name} only applies to PLATFORM=http`);
    return undefined;
  }
  const allowText = get('PLATFORM_ALLOW_HTTP') ?? 'false';
  if (allowText !== 'true' && allowText !== 'false') problems.push('PLATFORM_ALLOW_HTTP must be "true" or "false"');
  const allowHttp = allowText === 'true';

  let token = get('PLATFORM_TOKEN');
  const tokenFile = get('PLATFORM_TOKEN_FILE');
  if (token !== undefined && tokenFile !== undefined) problems.push('set PLATFORM_TOKEN or PLATFORM_TOKEN_FILE, not both');
  else if (tokenFile !== undefined) token = readSecretFile('PLATFORM_TOKEN_FILE', tokenFile, problems)?.trim();
  const tokenFrom = tokenFile !== undefined ? `the token in PLATFORM_TOKEN_FILE` : 'PLATFORM_TOKEN';
  if (token !== undefined && !BEARER.test(token)) {
    problems.push(`${tokenFrom} must be a bearer token: letters, digits and - . _ ~ + / (then = padding), no spaces`);
    token = undefined;
  } else if (token !== undefined && token.length < 16) {
    problems.push(`${tokenFrom} must have at least 16 characters`);
    token = undefined;
  }

  const certPath = get('PLATFORM_CLIENT_CERT');
  const keyPath = get('PLATFORM_CLIENT_KEY');
  if ((certPath === undefined) !== (keyPath === undefined)) problems.push('mutual TLS needs both PLATFORM_CLIENT_CERT and PLATFORM_CLIENT_KEY (PEM files)');
  const cert = readPem('PLATFORM_CLIENT_CERT', certPath, PEM_CERT, problems);
  const key = readPem('PLATFORM_CLIENT_KEY', keyPath, PEM_KEY, problems);
  const ca = readPem('PLATFORM_CA', get('PLATFORM_CA'), PEM_CERT, problems);
  const clientCert = cert !== undefined && key !== undefined;

  let url: URL | undefined;
  try {
    url = platformUrl ? new URL(platformUrl) : undefined;
  } catch {
    url = undefined; // readConfig names a malformed PLATFORM_URL
  }
  const loopback = url !== undefined && isLoopbackHost(url.hostname);
  if (url?.protocol === 'http:') {
    if (!loopback && !allowHttp) {
      problems.push(`PLATFORM_URL uses plain http:// to ${url.hostname}: citizens' data and the gateway credentials would cross the network unencrypted; use https:// (or, on a network you trust, set PLATFORM_ALLOW_HTTP=true explicitly)`);
    }
    if (certPath !== undefined || get('PLATFORM_CA') !== undefined) problems.push('PLATFORM_CLIENT_CERT/PLATFORM_CLIENT_KEY/PLATFORM_CA need an https:// PLATFORM_URL');
  }
  // A credential given but unusable is named above; here: none given at all.
  const credentialGiven = get('PLATFORM_TOKEN') !== undefined || tokenFile !== undefined || certPath !== undefined || keyPath !== undefined;
  if (url && !loopback && !credentialGiven) {
    problems.push('PLATFORM=http needs a credential for the gateway: PLATFORM_TOKEN or PLATFORM_TOKEN_FILE (bearer token) and/or PLATFORM_CLIENT_CERT and PLATFORM_CLIENT_KEY (mutual TLS client certificate); only a gateway on this machine (loopback) may go without');
  }
  const tls = clientCert || ca !== undefined ? { ...(clientCert ? { cert, key } : {}), ...(ca !== undefined ? { ca } : {}) } : undefined;
  return { ...(token !== undefined ? { token } : {}), ...(tls ? { tls } : {}) };
}
