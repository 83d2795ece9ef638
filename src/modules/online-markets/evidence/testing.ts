import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../kernel/platform.ts';
import type { Capture, CaptureExchange } from '../crawl/contract.ts';
import { buildWarc } from '../crawl/warc.ts';
import '../workflow/tables.ts';
import { storeCapture } from './store.ts';

/** Test factory: a synthetic capture of an invented shop page, built offline (no network). */
export function syntheticCapture(url: string, html = '<title>Synth shop</title><p>Закладки t.me/synth_shop_kz</p>'): Capture {
  const retrievedAt = new Date();
  const body = Buffer.from(html, 'utf8');
  const headers = { 'content-type': 'text/html; charset=utf-8', server: 'synthetic' };
  const exchange: CaptureExchange = {
    url,
    status: 200,
    headers,
    resolvedIps: ['203.0.113.7'],
    body,
    retrievedAt,
    ipAddress: '203.0.113.7',
    requestHeaders: { host: new URL(url).host, 'user-agent': 'test' },
    rawHeaders: Object.entries(headers).flat(),
    truncated: false,
  };
  return {
    requestedUrl: url,
    finalUrl: url,
    retrievedAt,
    ok: true,
    status: 200,
    error: null,
    contentType: headers['content-type'],
    headers,
    resolvedIps: ['203.0.113.7'],
    body,
    text: 'Synth shop Закладки t.me/synth_shop_kz',
    title: 'Synth shop',
    links: [],
    faviconSha256: null,
    exchanges: [exchange],
    warc: buildWarc([exchange], 'tartip-crawler/test'),
    screenshotPng: Buffer.from('89504e470d0a1a0a', 'hex'),
  };
}

/** Test factory: a URL resource of an invented shop with one stored capture; returns both ids. */
export async function buildEvidenceResource(p: Platform): Promise<{ resourceId: string; captureId: string }> {
  const url = `https://synth-${randomBytes(4).toString('hex')}.example/`;
  return p.db.transaction().execute(async (tx) => {
    const r = await tx
      .insertInto('om_resources')
      .values({ kind: 'url', locator: url, title: 'Synth shop', reasons: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const captureId = await storeCapture(tx, r.id, syntheticCapture(url), 'test');
    return { resourceId: r.id, captureId };
  });
}
