import type { Request } from 'restify';
import { TrustedProxies } from '../../../bot/web/TrustedProxies';

function request(peer: string, headers: Record<string, string> = {}, secure = false): Request {
  const fake = { socket: { remoteAddress: peer }, header: (name: string) => headers[name.toLowerCase()], isSecure: () => secure };
  return fake as unknown as Request;
}

describe('TrustedProxies: the client address and scheme behind trusted reverse proxies', () => {
  it.each<[string, string[], string, string | undefined, string]>([
    ['no proxy trusted: the peer, whatever the header says', [], '203.0.113.5', '198.51.100.1', '203.0.113.5'],
    ['an untrusted peer cannot spoof', ['10.0.0.1'], '203.0.113.5', '198.51.100.1', '203.0.113.5'],
    ['a trusted proxy: the address it appended', ['10.0.0.1'], '10.0.0.1', '198.51.100.1', '198.51.100.1'],
    ['a trusted proxy without the header: the proxy', ['10.0.0.1'], '10.0.0.1', undefined, '10.0.0.1'],
    ['what the client wrote itself is left of what the proxy appended', ['10.0.0.1'], '10.0.0.1', '1.2.3.4, 198.51.100.1', '198.51.100.1'],
    ['two trusted proxies in a CIDR range are skipped', ['10.0.0.0/8'], '10.0.0.1', '1.2.3.4, 198.51.100.1, 10.2.3.4', '198.51.100.1'],
    ['loopback, IPv4 as IPv6 (dual-stack socket)', ['loopback'], '::ffff:127.0.0.1', '198.51.100.7', '198.51.100.7'],
    ['loopback, IPv6', ['loopback'], '::1', '2001:db8::7', '2001:db8::7'],
    ['an IPv6 range', ['fd00::/8'], 'fd12::1', '198.51.100.8', '198.51.100.8'],
    ['a garbage hop further left is never reached', ['10.0.0.1'], '10.0.0.1', 'evil, 198.51.100.9', '198.51.100.9'],
    ['a garbage last hop: the proxy itself', ['10.0.0.1'], '10.0.0.1', '198.51.100.9, <script>', '10.0.0.1'],
  ])('%s', (_label, trusted, peer, forwarded, client) => {
    expect(new TrustedProxies(trusted).clientAddress(request(peer, forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }))).toBe(client);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    const proxies = new TrustedProxies(['10.0.0.1']);
    expect(proxies.isHttps(request('10.0.0.1', { 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(proxies.isHttps(request('203.0.113.5', { 'x-forwarded-proto': 'https' }))).toBe(false);
    expect(new TrustedProxies().isHttps(request('127.0.0.1', { 'x-forwarded-proto': 'https' }))).toBe(false);
    expect(proxies.isHttps(request('10.0.0.1', { 'x-forwarded-proto': 'http' }))).toBe(false);
    expect(new TrustedProxies().isHttps(request('203.0.113.5', {}, true))).toBe(true);
  });
});
