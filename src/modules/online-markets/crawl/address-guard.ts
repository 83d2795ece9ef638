import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF guard: which addresses and URLs the crawler may reach. Only public unicast addresses pass;
 * the check runs on the address the socket actually connects to (see guardedLookup), on every hop.
 */

/** A name → addresses resolver; tests inject one so public-looking names can resolve to 127.0.0.1. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo, every address). */
export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

// Extra IPv4 ranges not (or not all) named by ipaddr.js's range(): all refused.
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/** Why an address is refused, or null when it is a public unicast address the crawler may reach. */
export function blockedReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    // IPv4 inside IPv6 (mapped ::ffff:a.b.c.d, NAT64, 6to4, Teredo) could hide a private IPv4: refuse them all
    if (v6.isIPv4MappedAddress()) return 'IPv4-mapped IPv6 address';
    const range = v6.range();
    if (range !== 'unicast') return `IPv6 ${range} address`;
    // unicast for ipaddr.js still includes the documentation prefix and site-local
    if (v6.match(ipaddr.IPv6.parseCIDR('2001:db8::/32'))) return 'IPv6 documentation address';
    if (v6.match(ipaddr.IPv6.parseCIDR('fec0::/10'))) return 'IPv6 site-local address';
    return null;
  }
  ip = ip as ipaddr.IPv4;
  const range = ip.range();
  if (range !== 'unicast') return `IPv4 ${range} address`;
  for (const [base, bits] of BLOCKED_V4) if (ip.match(ipaddr.IPv4.parse(base), bits)) return `IPv4 reserved range ${base}/${bits}`;
  return null;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; code: 'bad_url' | 'blocked_address'; message: string };

/**
 * Parses and checks a URL before any network use: http/https only, no credentials, a host name
 * (never a literal IP in any spelling — the WHATWG parser turns 2130706433 and 0x7f.1 into
 * 127.0.0.1, which is then refused) and the default ports, unless private addresses are allowed.
 */
export function checkUrl(raw: string, base: string | undefined, allowPrivate: boolean, allowOrigins: readonly string[] = []): UrlCheck {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return { ok: false, code: 'bad_url', message: `Not a valid URL: ${raw.slice(0, 200)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, code: 'bad_url', message: `Scheme ${url.protocol} is not fetched` };
  if (url.username || url.password) return { ok: false, code: 'bad_url', message: 'URLs with credentials are not fetched' };
  url.hash = '';
  if (allowPrivate || allowOrigins.includes(url.origin)) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0) return { ok: false, code: 'blocked_address', message: `Literal IP addresses are not fetched: ${host}` };
  if (!/^[a-z0-9._-]+$/.test(host) || !host.includes('.') || host.endsWith('.localhost') || /^[0-9.]+$/.test(host))
    return { ok: false, code: 'blocked_address', message: `Host ${host} is not a public domain name` };
  if (url.port !== '') return { ok: false, code: 'blocked_address', message: `Port ${url.port} is not fetched (80 and 443 only)` };
  return { ok: true, url };
}

export class BlockedAddressError extends Error {
  readonly code = 'blocked_address';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request/net.connect: resolves the name, refuses it when ANY of its addresses is
 * not public (a name that mixes public and private answers is a rebinding trick), and hands the socket
 * exactly the addresses it checked, so nothing is resolved twice. `onResolved` records them.
 */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean, onResolved: (addresses: string[]) => void) {
  return (hostname: string, options: dns.LookupOptions | number | undefined, callback: LookupCallback): void => {
    const all = typeof options === 'object' && options !== null && options.all === true;
    const literal = net.isIP(hostname.replace(/^\[|\]$/g, ''));
    const answer: Promise<{ address: string; family: number }[]> =
      literal !== 0 ? Promise.resolve([{ address: hostname.replace(/^\[|\]$/g, ''), family: literal }]) : resolver(hostname);
    answer.then(
      (addrs) => {
        if (addrs.length === 0) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (!allowPrivate) {
          for (const a of addrs) {
            const why = blockedReason(a.address);
            if (why) return callback(new BlockedAddressError(`${hostname} resolves to ${a.address} (${why})`), '');
          }
        }
        onResolved(addrs.map((a) => a.address));
        if (all) callback(null, addrs.map((a) => ({ address: a.address, family: a.family })) as dns.LookupAddress[]);
        else callback(null, addrs[0]!.address, addrs[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}
