import { TextDecoder } from 'node:util';
import { htmlToText } from '../html.ts';

/**
 * Reading a fetched page safely: charset decoding, and one linear pass over the markup that drops
 * scripts, styles and comments, caps tag length and output size, and collects the title, links and
 * favicon. Only its bounded output reaches the regular-expression based htmlToText, so unclosed
 * comments, `<a<a<a…` runs and deep nesting (HTML bombs) cost linear time.
 */

export const MAX_LINKS = 200;
const MAX_TAG = 4096;
const MAX_CLEAN_CHARS = 1_000_000;
const MAX_TEXT_CHARS = 200_000;
const DROPPED = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object'];

/** The charset a response declares: Content-Type parameter, BOM, then <meta> in the first 2 KB. */
export function declaredCharset(contentType: string | undefined, body: Buffer): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  const head = body.subarray(0, 2048).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return (meta ?? 'utf-8').toLowerCase();
}

/** Bytes → text in the declared charset (windows-1251, koi8-r…); invalid sequences become U+FFFD, never an error. */
export function decodeBody(body: Buffer, charset: string): { text: string; charset: string } {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: false });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: false });
  }
  return { text: decoder.decode(body), charset: decoder.encoding };
}

export type PageFacts = { text: string; title: string | null; links: string[]; faviconHref: string | null };

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() : null;
}

function absolute(href: string, base: string): string | null {
  try {
    const u = new URL(href.replace(/&amp;/g, '&'), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

/** Title, visible text, absolute http(s) links (deduplicated, at most 200) and favicon of an HTML page. */
export function readHtml(html: string, baseUrl: string): PageFacts {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let outLen = 0;
  const links = new Set<string>();
  let title: string | null = null;
  let faviconHref: string | null = null;
  let base = baseUrl;
  let pos = 0;
  let gt = -1;
  const emit = (s: string) => {
    if (outLen < MAX_CLEAN_CHARS) {
      out.push(s);
      outLen += s.length;
    }
  };
  while (pos < html.length && outLen < MAX_CLEAN_CHARS) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      emit(html.slice(pos));
      break;
    }
    emit(html.slice(pos, lt));
    if (lower.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      pos = end + 3;
      continue;
    }
    // the next '>' is searched again only once passed, so `<a<a<a…>` stays linear
    if (gt <= lt) gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    const nextLt = html.indexOf('<', lt + 1);
    if (nextLt >= 0 && nextLt < gt) {
      // a stray '<' in text: keep it as text, move on
      emit(' ');
      pos = lt + 1;
      continue;
    }
    pos = gt + 1;
    if (gt - lt > MAX_TAG) continue;
    const tag = html.slice(lt, gt + 1);
    const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(tag)?.[1]?.toLowerCase();
    if (!name) continue;
    if (!tag.startsWith('</') && DROPPED.includes(name)) {
      const close = lower.indexOf(`</${name}`, pos);
      if (close < 0) break;
      const closeEnd = html.indexOf('>', close);
      pos = closeEnd < 0 ? html.length : closeEnd + 1;
      continue;
    }
    if (name === 'title' && !tag.startsWith('</') && title === null) {
      const close = lower.indexOf('</title', pos);
      const raw = html.slice(pos, close < 0 ? Math.min(html.length, pos + 1000) : Math.min(close, pos + 1000));
      title = htmlToText(raw.replace(/</g, ' ')).slice(0, 300) || null;
    }
    if (name === 'base' && links.size === 0) {
      const href = attr(tag, 'href');
      const abs = href ? absolute(href, baseUrl) : null;
      if (abs) base = abs;
    }
    if (name === 'a' || name === 'area') {
      const href = attr(tag, 'href');
      const abs = href ? absolute(href, base) : null;
      if (abs && links.size < MAX_LINKS) links.add(abs);
    }
    if (name === 'link' && faviconHref === null) {
      const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = attr(tag, 'href');
      if (href && (rel.includes('icon') || rel.includes('apple-touch-icon'))) faviconHref = absolute(href, base);
    }
    emit(tag);
  }
  const text = htmlToText(out.join('')).slice(0, MAX_TEXT_CHARS);
  return { text, title, links: [...links], faviconHref };
}
