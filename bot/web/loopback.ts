import { BlockList, isIP } from 'node:net';

/** Adds this machine's own addresses (127.0.0.0/8 and ::1) to a block list. */
export function addLoopback(list: BlockList): void {
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
}

const LOOPBACK = new BlockList();
addLoopback(LOOPBACK);

/** True for this machine's own addresses: 127.0.0.0/8, ::1 (in any spelling, also IPv4-mapped) and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = h.replace(/^::ffff:/, '');
  if (isIP(v4) === 4) return LOOPBACK.check(v4, 'ipv4');
  return isIP(h) === 6 && LOOPBACK.check(h, 'ipv6');
}

/** True when `url` is an http(s) URL whose host is loopback. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}
