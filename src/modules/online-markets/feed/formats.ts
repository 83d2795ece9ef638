import { domainToASCII } from 'node:url';
import type { FeedEntryKind } from './tables.ts';

/**
 * The feed's formats, one pure function each: the same entries and version always give the same
 * bytes (sorted by code unit, no timestamps), so a version's signature can be checked at any time.
 * Telegram handles appear only in `csv`: an ISP cannot block them by DNS or URL.
 */
export const FEED_FORMATS = ['domains', 'hosts', 'rpz', 'urls', 'csv'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** One listed resource, as every format sees it. */
export type FeedItem = {
  kind: FeedEntryKind;
  value: string;
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
  addedInVersion: number;
};

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  domains: 'text/plain; charset=utf-8',
  hosts: 'text/plain; charset=utf-8',
  rpz: 'text/dns; charset=utf-8',
  urls: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function valuesOf(items: readonly FeedItem[], kind: FeedEntryKind): string[] {
  return [...new Set(items.filter((i) => i.kind === kind).map((i) => i.value))].sort(byCodeUnit);
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A domain as DNS formats need it (lower-case ASCII/punycode, no trailing dot), or null if it is not a host name. */
export function feedDomain(raw: string): string | null {
  const ascii = domainToASCII(raw.trim().toLowerCase().replace(/\.$/, ''));
  return HOSTNAME.test(ascii) ? ascii : null;
}

/** An http(s) URL as the feed lists it (WHATWG serialisation: punycode host, percent-encoded path), or null. */
export function feedUrl(raw: string): string | null {
  try {
    const u = new URL(raw.trim());
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !feedDomain(u.hostname)) return null;
    u.hash = '';
    return u.href.length <= 2048 ? u.href : null;
  } catch {
    return null;
  }
}

/** A Telegram handle, channel or invite path as the feed lists it (no @, no t.me/), or null. */
export function feedTelegram(raw: string): string | null {
  const v = raw
    .trim()
    .replace(/^@/, '')
    .replace(/^(https?:\/\/)?(t|telegram)\.me\//i, '');
  return /^[A-Za-z0-9_+/-]{1,256}$/.test(v) ? (v.startsWith('+') || v.includes('/') ? v : v.toLowerCase()) : null;
}

/** Plain list of blocked domains, one per line. */
export function domainsBody(items: readonly FeedItem[]): string {
  return valuesOf(items, 'domain')
    .map((d) => `${d}\n`)
    .join('');
}

/** Hosts file: each domain and its www. name to 0.0.0.0 (hosts files have no wildcards). */
export function hostsBody(items: readonly FeedItem[], version: number): string {
  const domains = valuesOf(items, 'domain');
  const lines = [`# Tartip ISP blocklist feed, version ${version}, domains: ${domains.length}`];
  for (const d of domains) {
    lines.push(`0.0.0.0 ${d}`);
    if (!d.startsWith('www.')) lines.push(`0.0.0.0 www.${d}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * DNS response policy zone (RPZ): the version is the SOA serial; each domain and all its subdomains
 * answer NXDOMAIN (`CNAME .`). Names are relative: the ISP's server configuration names the zone.
 */
export function rpzBody(items: readonly FeedItem[], version: number): string {
  const domains = valuesOf(items, 'domain');
  const lines = [
    `; Tartip ISP blocklist feed: response policy zone, version ${version}, domains: ${domains.length}`,
    '$TTL 300',
    `@ IN SOA localhost. hostmaster.localhost. ${version} 3600 600 86400 300`,
    '@ IN NS localhost.',
  ];
  for (const d of domains) lines.push(`${d} CNAME .`, `*.${d} CNAME .`);
  return `${lines.join('\n')}\n`;
}

/** Blocked URLs (single pages, for ISPs with URL filtering), one per line. */
export function urlsBody(items: readonly FeedItem[]): string {
  return valuesOf(items, 'url')
    .map((u) => `${u}\n`)
    .join('');
}

const CSV_HEADER = 'value,kind,legal_basis,decision_number,decision_date,decision_body,added_in_version';

/** One CSV field (RFC 4180 quoting); free text that a spreadsheet would run as a formula gets a leading '. */
export function csvField(raw: string, isFreeText = false): string {
  const v = isFreeText && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Every entry (domains, URLs, Telegram) with its decision, sorted by kind then value; CRLF line ends. */
export function csvBody(items: readonly FeedItem[]): string {
  const sorted = [...items].sort((a, b) => byCodeUnit(a.kind, b.kind) || byCodeUnit(a.value, b.value));
  const rows = sorted.map((i) =>
    [
      csvField(i.value),
      i.kind,
      csvField(i.legalBasis, true),
      csvField(i.decisionNumber, true),
      i.decisionDate,
      csvField(i.decisionBody, true),
      String(i.addedInVersion),
    ].join(','),
  );
  return [CSV_HEADER, ...rows].map((r) => `${r}\r\n`).join('');
}

/** The full body of one format for the entries of a version. */
export function renderFeed(format: FeedFormat, items: readonly FeedItem[], version: number): string {
  switch (format) {
    case 'domains':
      return domainsBody(items);
    case 'hosts':
      return hostsBody(items, version);
    case 'rpz':
      return rpzBody(items, version);
    case 'urls':
      return urlsBody(items);
    case 'csv':
      return csvBody(items);
  }
}
