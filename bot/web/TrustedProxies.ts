import { BlockList, isIP } from 'node:net';
import type { Request } from 'restify';
import { addLoopback } from './loopback';

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`, how a dual-stack socket reports it) as plain IPv4. */
const plain = (address: string): string => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Whether one TRUST_PROXY entry is valid: an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or "loopback". */
export function isProxyEntry(entry: string): boolean {
  if (entry === 'loopback') return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 6 ? 128 : 32;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * The reverse proxies whose forwarding headers are believed (TRUST_PROXY). A request's client address is the
 * socket's peer, unless that peer is a trusted proxy: then X-Forwarded-For is read from the right, skipping
 * trusted proxies, and the first address not trusted is the client (what a client writes into the header itself
 * is further left and never reached). With no trusted proxy the headers are ignored entirely.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  private readonly any: boolean;

  /** @param entries valid TRUST_PROXY entries (see isProxyEntry; readConfig checks them). */
  constructor(entries: readonly string[] = []) {
    this.any = entries.length > 0;
    for (const entry of entries) {
      if (entry === 'loopback') {
        addLoopback(this.list);
        continue;
      }
      const [address, bits] = entry.split('/');
      if (bits === undefined) this.list.addAddress(plain(address), family(plain(address)));
      else this.list.addSubnet(address, Number(bits), family(address));
    }
  }

  private trusted(address: string): boolean {
    return this.any && isIP(address) !== 0 && this.list.check(address, family(address));
  }

  /** The address of the client that made the request (for login limits and anything else keyed by address). */
  clientAddress(req: Request): string {
    let address = plain(req.socket.remoteAddress ?? '');
    if (!this.trusted(address)) return address || 'unknown';
    const hops = (req.header('x-forwarded-for') ?? '').split(',').map((h) => plain(h.trim())).filter(Boolean);
    while (hops.length && this.trusted(address)) {
      const hop = hops.pop() as string;
      if (!isIP(hop)) break;
      address = hop;
    }
    return address;
  }

  /** Whether the client reached us over HTTPS: the socket itself, or X-Forwarded-Proto from a trusted proxy. */
  isHttps(req: Request): boolean {
    if (req.isSecure()) return true;
    if (!this.trusted(plain(req.socket.remoteAddress ?? ''))) return false;
    return (req.header('x-forwarded-proto') ?? '').split(',')[0].trim().toLowerCase() === 'https';
  }
}
