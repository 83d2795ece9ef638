import { createHash } from 'node:crypto';
import { domainOf, normaliseUrl } from '../indicators.ts';
import type { ResourceKind } from './tables.ts';

/** Normalised text for hashing and near-duplicate detection: lower case, letters and digits only. */
export function normaliseText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

const MASK64 = (1n << 64n) - 1n;

function hash64(s: string): bigint {
  // FNV-1a 64 over UTF-16 code units: stable, fast enough for shingles
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

export type SimHash = { value: bigint; bands: [number, number, number, number] };

/**
 * 64-bit SimHash over word 3-shingles of the normalised text; null for texts too short to compare.
 * `bands` are its four 16-bit parts: two hashes within Hamming distance 3 share at least one.
 */
export function simhash(text: string, minTokens: number): SimHash | null {
  const words = normaliseText(text).split(' ').filter(Boolean);
  if (words.length < minTokens) return null;
  const counts = new Int32Array(64);
  for (let i = 0; i + 3 <= words.length; i++) {
    const h = hash64(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    for (let b = 0; b < 64; b++) counts[b]! += (h >> BigInt(b)) & 1n ? 1 : -1;
  }
  let v = 0n;
  for (let b = 0; b < 64; b++) if (counts[b]! > 0) v |= 1n << BigInt(b);
  return { value: v, bands: bandsOf(v) };
}

export function bandsOf(v: bigint): [number, number, number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & 0xffffn), Number((u >> 16n) & 0xffffn), Number((u >> 32n) & 0xffffn), Number((u >> 48n) & 0xffffn)];
}

/** Bits that differ between two 64-bit hashes (signed or unsigned forms). */
export function hamming(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a) ^ BigInt.asUintN(64, b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** The signed 64-bit form PostgreSQL's bigint stores. */
export const toSignedString = (v: bigint): string => BigInt.asIntN(64, v).toString();

const CARD_RUN = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/** Replaces card-like digit runs (13–19 digits) by a mask with the last four, so text can be stored. */
export function maskCards(text: string): string {
  return text.replace(CARD_RUN, (run) => {
    const digits = run.replace(/\D/g, '');
    return luhnValid(digits) ? `•••• ${digits.slice(-4)}` : run;
  });
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type Locator = { kind: Exclude<ResourceKind, 'text'>; locator: string; url: string };

const HANDLE = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/;
const TG_LINK = /^(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.(?:me|dog)\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,31})\/?(?:\d+)?$/i;

/**
 * A single URL or Telegram handle as a resource locator: Telegram → handle (lower case, no @);
 * a site root → registrable domain; any other page → normalised URL. Null when it is not one.
 */
export function locatorOf(input: string): Locator | null {
  const s = input.trim();
  if (!s || /\s/.test(s)) return null;
  const tg = TG_LINK.exec(s) ?? (s.startsWith('@') ? HANDLE.exec(s) : null);
  if (tg?.[1]) {
    const handle = tg[1].toLowerCase();
    return { kind: 'telegram', locator: handle, url: `https://t.me/${handle}` };
  }
  if (!/^(?:https?:\/\/|hxxps?:\/\/|www\.)|^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,24}(?:[/:?#]|$)/iu.test(s)) return null;
  const n = normaliseUrl(s);
  if (!n) return null;
  const domain = domainOf(n.host);
  if (!domain) return null;
  const u = new URL(n.url);
  const isRoot = (u.pathname === '/' || u.pathname === '') && !u.search;
  if (isRoot) return { kind: 'domain', locator: domain, url: n.url };
  return { kind: 'url', locator: n.url, url: n.url };
}
