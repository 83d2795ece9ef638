/**
 * HTML → plain text for scanning: scripts, styles and comments removed, tags dropped (block tags
 * become line breaks), entities decoded, and link targets (`href`, `src` of images, `content` of
 * meta refresh/og:url) kept as text so their URLs and handles are still found.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  bull: '•',
  middot: '·',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  shy: '\u00AD',
  zwnj: '\u200C',
  zwj: '\u200D',
  period: '.',
  commat: '@',
  sol: '/',
  colon: ':',
  lpar: '(',
  rpar: ')',
  lowbar: '_',
  plus: '+',
  euro: '€',
  dollar: '$',
  num: '#',
  percnt: '%',
  excl: '!',
  quest: '?',
  comma: ',',
  hyphen: '-',
  dash: '-',
};

/** Decodes HTML character references (named, decimal, hex); unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

const DROP_BLOCKS = /<(script|style|noscript|template|svg)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?-->/g;
const LINK_ATTR = /\b(?:href|src|data-href|data-url|content|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;
const BLOCK =
  /^(?:p|div|br|li|ul|ol|tr|td|th|h[1-6]|section|article|header|footer|table|blockquote|pre|hr|title|nav|main|aside|form|option)$/i;

/** Plain text of an HTML document or fragment, with link targets kept in the text. */
export function htmlToText(html: string): string {
  const cleaned = html.replace(COMMENTS, ' ').replace(DROP_BLOCKS, ' ');
  const text = cleaned.replace(TAG, (tag, name: string) => {
    const links: string[] = [];
    if (!tag.startsWith('</')) {
      LINK_ATTR.lastIndex = 0;
      for (let m = LINK_ATTR.exec(tag); m; m = LINK_ATTR.exec(tag)) {
        const v = decodeEntities(m[1] ?? m[2] ?? m[3] ?? '').trim();
        if (/^(?:https?:|tg:|mailto:|www\.|\/\/)|t\.me\/|@/i.test(v) || /url=/i.test(v))
          links.push(v.replace(/^mailto:/i, '').replace(/^\d+;\s*url=/i, ''));
      }
    }
    const sep = BLOCK.test(name) ? '\n' : ' ';
    return links.length ? `${sep}${links.join(' ')} ` : sep;
  });
  return decodeEntities(text)
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
