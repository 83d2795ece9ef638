import { decodeEntities, htmlToText } from '../html.ts';
import type { TelegramPreview } from './contract.ts';

/**
 * Public Telegram channels through their web preview (https://t.me/s/<handle>): the markup classes
 * tgme_channel_info_header_title, tgme_channel_info_description, tgme_widget_message (data-post =
 * "<handle>/<post id>", data-peer = "c<channel id>_<hash>"), tgme_widget_message_text and <time>.
 * Only this public page is read; nothing logs in.
 */

const MAX_HTML = 3 * 1024 * 1024;
const MAX_POSTS = 100;
const MAX_POST_TEXT = 10_000;
const HANDLE = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** The public web preview page of a channel: https://t.me/s/<handle>. */
export function telegramPreviewUrl(handle: string): string {
  return `https://t.me/s/${encodeURIComponent(handle.replace(/^@/, ''))}`;
}

/** Inner HTML of the element whose opening tag ends at `openEnd`, matching nested tags of the same name. */
function innerOf(html: string, openEnd: number, tagName: string, limit: number): string {
  const open = `<${tagName}`;
  const close = `</${tagName}`;
  let depth = 1;
  let pos = openEnd;
  while (pos < limit) {
    const nextOpen = html.indexOf(open, pos);
    const nextClose = html.indexOf(close, pos);
    if (nextClose < 0 || nextClose >= limit) return html.slice(openEnd, limit);
    if (nextOpen >= 0 && nextOpen < nextClose) {
      depth += 1;
      pos = nextOpen + open.length;
    } else {
      depth -= 1;
      if (depth === 0) return html.slice(openEnd, nextClose);
      pos = nextClose + close.length;
    }
  }
  return html.slice(openEnd, limit);
}

/** Inner HTML of the first element carrying `className`, searched in [from, to). */
function byClass(html: string, className: string, from = 0, to = html.length): string | null {
  const re = new RegExp(`<([a-z0-9]+)\\b[^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>`, 'gi');
  re.lastIndex = from;
  const m = re.exec(html);
  if (!m || m.index >= to) return null;
  return innerOf(html, m.index + m[0].length, m[1]!.toLowerCase(), to);
}

function metaContent(html: string, property: string): string | null {
  const m = new RegExp(`<meta\\s+(?:property|name)="${property}"\\s+content="([^"]*)"`, 'i').exec(html);
  return m ? decodeEntities(m[1]!).trim() || null : null;
}

function hrefs(fragment: string): string[] {
  const out = new Set<string>();
  for (const m of fragment.matchAll(/\shref="([^"]+)"/gi)) {
    const v = decodeEntities(m[1]!);
    if (/^https?:\/\//i.test(v) || /^tg:/i.test(v)) out.add(v);
  }
  return [...out];
}

const text = (fragment: string | null) => (fragment === null ? null : htmlToText(fragment).trim() || null);

/** The channel's numeric id: data-peer "c<id>_…", or data-view's base64 JSON {"c": -100<id>}. */
function channelId(html: string): string | null {
  const peer = /data-peer="c(\d{5,15})_/.exec(html)?.[1];
  if (peer) return peer;
  const view = /data-view="([A-Za-z0-9_=-]{8,200})"/.exec(html)?.[1];
  if (view) {
    try {
      const c = (JSON.parse(Buffer.from(view, 'base64url').toString('utf8')) as { c?: unknown }).c;
      const m = /^-100(\d{5,15})$/.exec(String(c));
      if (m) return m[1]!;
    } catch {
      // not JSON: no id from it
    }
  }
  return null;
}

/** Reads a public preview page (HTML) into the channel's id, title and posts. */
export function parseTelegramPreview(handle: string, html: string): TelegramPreview {
  const name = handle.replace(/^@/, '').toLowerCase();
  const page = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  const posts: TelegramPreview['posts'] = [];
  const starts = [...page.matchAll(/<div\b[^>]*\bdata-post="([^"/]+)\/(\d{1,12})"/g)].slice(0, MAX_POSTS);
  starts.forEach((m, i) => {
    const from = m.index!;
    const to = i + 1 < starts.length ? starts[i + 1]!.index! : page.length;
    const segment = page.slice(from, to);
    const body = byClass(segment, 'tgme_widget_message_text');
    const datetime = /<time\b[^>]*datetime="([^"]+)"/.exec(segment)?.[1] ?? null;
    const date = datetime && !Number.isNaN(Date.parse(datetime)) ? new Date(datetime).toISOString() : null;
    posts.push({ id: m[2]!, text: (text(body) ?? '').slice(0, MAX_POST_TEXT), date, links: body ? hrefs(body) : [] });
  });
  const headerEnd = starts[0]?.index ?? page.length;
  const username = text(byClass(page, 'tgme_channel_info_header_username', 0, headerEnd));
  return {
    handle: HANDLE.test(name) ? name : (username?.replace(/^@/, '').toLowerCase() ?? name),
    telegramId: channelId(page),
    title: text(byClass(page, 'tgme_channel_info_header_title', 0, headerEnd)) ?? metaContent(page, 'og:title'),
    description: text(byClass(page, 'tgme_channel_info_description', 0, headerEnd)) ?? metaContent(page, 'og:description'),
    posts,
  };
}
