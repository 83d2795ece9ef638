import { SYSTEM_ACTOR } from '../../../kernel/access/actor.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { Capture } from '../crawl/contract.ts';
import { ingestMany } from './intake.service.ts';
import type { CaptureDeps } from './capture.service.ts';

/** A Luhn-valid synthetic card number with the given 15-digit prefix. */
export function luhnCard(prefix15: string): string {
  for (let d = 0; d < 10; d++) {
    const s = `${prefix15}${d}`;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

/** A capture as the crawler would return it (tests: no network). */
export function fakeCapture(url: string, o: Partial<Capture> = {}): Capture {
  const ok = o.ok ?? true;
  return {
    requestedUrl: url,
    finalUrl: url,
    retrievedAt: new Date(),
    ok,
    status: ok ? 200 : null,
    error: ok ? null : { code: 'connection_failed', message: 'refused' },
    contentType: 'text/html',
    headers: {},
    resolvedIps: ['192.0.2.1'],
    body: Buffer.from(o.text ?? ''),
    text: '',
    title: null,
    links: [],
    faviconSha256: null,
    exchanges: [],
    warc: Buffer.alloc(0),
    screenshotPng: null,
    ...o,
  };
}

/** Crawler and evidence fakes: pages by URL; unknown URLs are unreachable. */
export function fakeDeps(pages: Record<string, Partial<Capture>>): CaptureDeps & { stored: string[] } {
  const stored: string[] = [];
  return {
    stored,
    captureUrl: async (url) => fakeCapture(url, pages[url] ?? { ok: false }),
    telegramPreviewUrl: (h) => `https://t.me/s/${h}`,
    parseTelegramPreview: (handle, html) => ({
      handle,
      telegramId: '1001234567',
      title: `@${handle}`,
      description: null,
      posts: [{ id: '1', text: html, date: null, links: [] }],
    }),
    storeCapture: async (_tx, resourceId) => {
      stored.push(resourceId);
      throw new Error('evidence store not available in this test');
    },
  };
}

/** A drug-ad resource (and its shop) through intake, as the system: for route walkers and other tests. */
export async function buildOmResource(
  p: Platform,
  text = 'Мефедрон, альфа, закладки по городу, пиши @fixture_shop_kz',
): Promise<{ resourceId: string; shopId: string }> {
  const [o] = await ingestMany(p, { actor: SYSTEM_ACTOR, requestId: 'fixture', locale: 'en' }, [
    { source: 'analyst', inputKind: 'text', input: text },
  ]);
  if (!o?.resourceId) throw new Error(`fixture not stored: ${o?.error ?? '?'}`);
  const r = await p.db.selectFrom('om_resources').select('shop_id').where('id', '=', o.resourceId).executeTakeFirstOrThrow();
  if (!r.shop_id) throw new Error('fixture has no shop');
  return { resourceId: o.resourceId, shopId: r.shop_id };
}
