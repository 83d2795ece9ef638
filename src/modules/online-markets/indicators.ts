import { domainToUnicode } from 'node:url';
import { base58CheckVersion, isLuhnValid, isValidBech32Address, isValidEthAddress } from './checksums.ts';
import { isKnownTld, registrableDomain } from './psl.ts';

/**
 * Indicators in an extraction view (see normalize.ts): Telegram handles and links, URLs, registrable
 * domains, phone numbers (E.164), payment cards (Luhn-valid), crypto wallets (checksum-valid) and
 * e-mails, canonicalised, deduplicated per document, in the order first seen.
 */

export type IndicatorType = 'telegram' | 'url' | 'domain' | 'phone' | 'card' | 'crypto' | 'email';
export type Indicator = { type: IndicatorType; value: string };

type Found = Indicator & { at: number };
type Span = [number, number];

const EMAIL =
  /(?<![\p{L}\p{N}_.+-])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9а-я](?:[a-z0-9а-я-]{0,62}[a-z0-9а-я])?(?:\.[a-z0-9а-я](?:[a-z0-9а-я-]{0,62}[a-z0-9а-я])?)*\.[a-zа-я]{2,24}(?![\p{L}\p{N}_-])/giu;
const TELEGRAM_LINK =
  /(?<![\p{L}\p{N}_.])(?:https?:\/\/)?(?:www\.)?(?:t|telegram)\.(?:me|dog)\/(?:(?:joinchat\/|\+)([A-Za-z0-9_-]{5,64})|(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,31}))(?![A-Za-z0-9_])(?:\/\d+)?|tg:\/\/resolve\?domain=([A-Za-z][A-Za-z0-9_]{3,31})/giu;
const URL_RE = /(?<![\p{L}\p{N}_@./])(?:(?:https?|hxxps?|ftp):\/\/|www\.)[^\s<>"'«»()[\]{}|\\^`]+/giu;
const HANDLE = /(?<![\p{L}\p{N}_@./])@([a-z][a-z0-9_]{4,31})(?![\p{L}\p{N}_@]|\.[\p{L}\p{N}])/giu;
const HANDLE_AFTER_WORD =
  /(?<![\p{L}\p{N}_])(?:tg|тг|тлг|tlg|телеграм|телеграмм|telegram|телега|телеге|бот|bot)\s*[:\-–—]\s*@?([a-z][a-z0-9_]{4,31})(?![\p{L}\p{N}_@])/giu;
const WALLET =
  /(?<![\p{L}\p{N}_])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|T[1-9A-HJ-NP-Za-km-z]{33}|(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}|0x[0-9a-fA-F]{40})(?![\p{L}\p{N}_])/gu;
// (the look-ahead only restates the first character, so that the costlier look-behind is tried at '+' and digits only)
const DIGITS = /(?=[+\d])(?<![\p{L}\p{N}_+])\+?\d(?:[ \t\-().]{0,3}\d){6,40}(?![\p{L}\p{N}_])/gu;
const HAS_EMAIL_AT = /[a-z0-9._%+-]@[a-z0-9а-я]/i;
const HAS_HANDLE_WORD = /(?:tg|тг|тлг|tlg|телег|telegram|бот|bot)\s*[:\-–—]/i;
/** The number of ASCII digits in a text, counting up to `enough` (a phone or card needs 7). */
function countDigits(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** True when the text has a run of 26 ASCII letters or digits (shortest wallet). */
function hasLongAlnum(text: string): boolean {
  // such a run covers one of the positions 25, 51, 77…: test those, and measure the run around them
  const n = text.length;
  for (let i = 25; i < n; i += 26) {
    if (!isAsciiAlnum(text.charCodeAt(i))) continue;
    let a = i;
    while (a > 0 && isAsciiAlnum(text.charCodeAt(a - 1))) a--;
    let b = i + 1;
    while (b < n && b - a < 26 && isAsciiAlnum(text.charCodeAt(b))) b++;
    if (b - a >= 26) return true;
  }
  return false;
}
const TRAILING = /[.,;:!?'"»)\]}>…]+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const overlaps = (spans: Span[], a: number, b: number): boolean => spans.some(([s, e]) => a < e && b > s);

/** Canonical host: lower-case, Unicode (IDN) form, without a trailing dot. */
function canonicalHost(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h.includes('xn--') ? domainToUnicode(h) || h : h;
}

/** A normalised URL (WHATWG serialisation, scheme added when missing, fragment dropped) and its host. */
export function normaliseUrl(raw: string): { url: string; host: string } | null {
  let s = raw.trim().replace(TRAILING, '').replace(/^hxxp/i, 'http');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ftp:') return null;
  const host = canonicalHost(u.hostname);
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!IPV4.test(host) && (!host.includes('.') || !isKnownTld(tld))) return null;
  u.hash = '';
  return { url: u.href, host };
}

/** The registrable domain of a host, or null for IP addresses and unknown suffixes. */
export function domainOf(host: string): string | null {
  if (IPV4.test(host)) return null;
  return registrableDomain(host.replace(/^www\./, ''));
}

const isTelegramHost = (host: string): boolean => /^(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)$/.test(host);

function phoneOf(digits: string, hasPlus: boolean): string | null {
  if (hasPlus) {
    if (digits.startsWith('7')) return digits.length === 11 ? `+${digits}` : null;
    return digits.length >= 10 && digits.length <= 15 ? `+${digits}` : null;
  }
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7') && /^[3-9]/.test(digits.slice(1))) return `+7${digits.slice(1)}`;
  if (digits.length === 10 && (digits[0] === '7' || digits[0] === '9')) return `+7${digits}`;
  return null;
}

const cardOf = (digits: string, hasPlus: boolean): string | null =>
  !hasPlus && digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && isLuhnValid(digits) ? digits : null;

// A run of digits may hold several numbers ("8701… 8702…"): take the whole if it is one, else cut at a
// space where the first part is one and go on with the rest.
function numbersIn(run: string, at: number, out: Found[]): void {
  const hasPlus = run.startsWith('+');
  const digits = run.replace(/\D/g, '');
  const whole = cardOf(digits, hasPlus);
  if (whole) {
    out.push({ type: 'card', value: whole, at });
    return;
  }
  const phone = phoneOf(digits, hasPlus);
  if (phone) {
    out.push({ type: 'phone', value: phone, at });
    return;
  }
  for (let i = run.length - 1; i > 0; i--) {
    if (run[i] !== ' ' && run[i] !== '\t') continue;
    const head = run.slice(0, i).trim();
    const hd = head.replace(/\D/g, '');
    if (cardOf(hd, hasPlus) || phoneOf(hd, hasPlus)) {
      numbersIn(head, at, out);
      const rest = run.slice(i).trimStart();
      const restAt = at + run.length - rest.length;
      if (/^\+?\d/.test(rest)) numbersIn(rest.replace(/^[^+\d]+/, ''), restAt, out);
      return;
    }
  }
}

const isHostCode = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 45 ||
  (c >= 0x430 && c <= 0x44f) ||
  (c >= 0x410 && c <= 0x42f) ||
  c === 0x451;
const isWordy = (c: number): boolean => isHostCode(c) || c === 95 || (c >= 0xc0 && c <= 0x52f);
const PATH_END = /[\s<>"'«»()[\]{}|\\^`]/;

/** Bare host names (`shop.kz`, `sub.shop.com.kz/path`) with a known top-level label; a linear scan from each dot. */
function bareDomains(text: string): { start: number; end: number; raw: string; hasPath: boolean }[] {
  const out: { start: number; end: number; raw: string; hasPath: boolean }[] = [];
  let from = 0;
  for (let dot = text.indexOf('.', from); dot > 0; dot = text.indexOf('.', from)) {
    from = dot + 1;
    if (!isHostCode(text.charCodeAt(dot - 1)) || !isHostCode(text.charCodeAt(dot + 1))) continue;
    let start = dot - 1;
    while (
      start > 0 &&
      (isHostCode(text.charCodeAt(start - 1)) || (text.charCodeAt(start - 1) === 46 && isHostCode(text.charCodeAt(start - 2))))
    )
      start--;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    let end = dot + 1;
    while (end < text.length && (isHostCode(text.charCodeAt(end)) || (text.charCodeAt(end) === 46 && isHostCode(text.charCodeAt(end + 1)))))
      end++;
    from = end;
    if (isWordy(before) || before === 64 || before === 46 || before === 58 || before === 47 || before === 95) continue;
    const host = text.slice(start, end);
    const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
    if (!/^[a-zа-я]{2,24}$/.test(tld) || !isKnownTld(tld)) continue;
    if (/^-|-$|\.-|-\./.test(host)) continue;
    let stop = end;
    if (text.charCodeAt(end) === 47) {
      while (stop < text.length && !PATH_END.test(text[stop]!)) stop++;
    } else if (end < text.length && (isWordy(text.charCodeAt(end)) || text.charCodeAt(end) === 64)) continue;
    const path = text.slice(end, stop).replace(TRAILING, '');
    out.push({ start, end: end + path.length, raw: host + path, hasPath: path.length > 1 });
  }
  return out;
}

/** Every indicator of a text (give it the extraction view), canonical, deduplicated, in order. */
export function extractIndicators(text: string): Indicator[] {
  const found: Found[] = [];
  const taken: Span[] = [];
  const hasAt = text.includes('@');
  if (hasAt && HAS_EMAIL_AT.test(text)) {
    for (const m of text.matchAll(EMAIL)) {
      found.push({ type: 'email', value: m[0].toLowerCase(), at: m.index });
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  if (text.includes('me/') || text.includes('dog/') || text.includes('tg:')) {
    for (const m of text.matchAll(TELEGRAM_LINK)) {
      if (overlaps(taken, m.index, m.index + m[0].length)) continue;
      const invite = m[1];
      const value = invite ? `+${invite}` : (m[2] ?? m[3] ?? '').toLowerCase();
      if (value) found.push({ type: 'telegram', value, at: m.index });
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  const addUrl = (raw: string, at: number, withUrl: boolean) => {
    const n = normaliseUrl(raw);
    if (!n || isTelegramHost(n.host)) return;
    if (withUrl) found.push({ type: 'url', value: n.url, at });
    const d = domainOf(n.host);
    if (d) found.push({ type: 'domain', value: d, at: at + 0.5 });
  };
  if (text.includes('://') || /www\./i.test(text)) {
    for (const m of text.matchAll(URL_RE)) {
      const raw = m[0].replace(TRAILING, '');
      if (overlaps(taken, m.index, m.index + raw.length)) continue;
      // a scheme-less www.host with no path is a domain, like a bare host
      const isBareHost = /^www\./i.test(raw) && !/^www\.[^/?#]+[/?#]./i.test(raw);
      addUrl(raw, m.index, !isBareHost);
      taken.push([m.index, m.index + raw.length]);
    }
  }
  for (const m of bareDomains(text)) {
    if (overlaps(taken, m.start, m.end)) continue;
    addUrl(m.raw, m.start, m.hasPath);
    taken.push([m.start, m.end]);
  }
  if (hasAt) {
    for (const m of text.matchAll(HANDLE)) {
      if (overlaps(taken, m.index, m.index + m[0].length)) continue;
      found.push({ type: 'telegram', value: (m[1] ?? '').toLowerCase(), at: m.index });
    }
  }
  if (HAS_HANDLE_WORD.test(text))
    for (const m of text.matchAll(HANDLE_AFTER_WORD)) {
      const handle = (m[1] ?? '').toLowerCase();
      const start = m.index + m[0].length - handle.length;
      if (overlaps(taken, start, m.index + m[0].length)) continue;
      if (/\d|_|bot$/.test(handle) || /^[@]/.test(m[0].slice(m[0].length - handle.length - 1)))
        found.push({ type: 'telegram', value: handle, at: start });
    }
  if (hasLongAlnum(text))
    for (const m of text.matchAll(WALLET)) {
      const w = m[0];
      if (overlaps(taken, m.index, m.index + w.length)) continue;
      let ok = false;
      if (w.startsWith('0x')) ok = isValidEthAddress(w);
      else if (w.startsWith('bc1') || w.startsWith('BC1')) ok = isValidBech32Address(w);
      else if (w.startsWith('T')) ok = base58CheckVersion(w) === 0x41;
      else {
        const v = base58CheckVersion(w);
        ok = v === 0 || v === 5;
      }
      if (ok) {
        found.push({ type: 'crypto', value: w, at: m.index });
        taken.push([m.index, m.index + w.length]);
      }
    }
  if (countDigits(text, 7) >= 7)
    for (const m of text.matchAll(DIGITS)) {
      if (overlaps(taken, m.index, m.index + m[0].length)) continue;
      numbersIn(m[0], m.index, found);
    }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: Indicator[] = [];
  for (const f of found) {
    const key = `${f.type}\u0000${f.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: f.type, value: f.value });
  }
  return out;
}
