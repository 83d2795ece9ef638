import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../../kernel/access/actor.ts';
import { createTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';
import { captureUrl } from '../crawl/fetch.ts';
import { startLocalServer, type LocalServer } from '../crawl/test-http.ts';
import { captureResource, DEFAULT_DEPS, type CaptureDeps } from './capture.service.ts';
import { ingestMany } from './intake.service.ts';

// The real crawler and evidence store against a local server that plays a public shop site: every
// name resolves to 127.0.0.1 and only that server's origin is allowed (the SSRF guard stays on).
let p: TestPlatform;
let site: LocalServer;
const SHOP_PAGE = `<!doctype html><html><head><title>Кристалл — магазин</title></head><body>
<p>Мефедрон, альфа, шишки. Закладки по городу 24/7, гарантия находа. Оплата на карту 4400 0000 0000 0008.</p>
<a href="https://synth-kristall-mirror.kz/">Зеркало</a> <a href="https://t.me/synth_kristall_bot">Бот</a>
<a href="https://synth-kristall.kz/catalog">Каталог</a></body></html>`;

before(async () => {
  p = await createTestPlatform();
  site = await startLocalServer({
    '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SHOP_PAGE),
  });
});
after(async () => {
  await site.close();
  await p.close();
});

function localDeps(): CaptureDeps {
  const origin = `http://synth-kristall.kz:${site.port}`;
  return {
    ...DEFAULT_DEPS,
    captureUrl: (url, o) =>
      captureUrl(url.replace(/^https:\/\/synth-kristall\.kz/, origin), {
        ...o,
        screenshot: false,
        lookup: async () => [{ address: '127.0.0.1', family: 4 }],
        allowOrigins: [origin],
      }),
  };
}

test('capturing a submitted site stores immutable evidence, re-scans the page and follows its links to mirrors', async () => {
  const ctx = { actor: SYSTEM_ACTOR, requestId: 't', locale: 'en' as const };
  const [o] = await ingestMany(p, ctx, [{ source: 'analyst', inputKind: 'url', input: 'https://synth-kristall.kz/' }]);
  assert.ok(o?.resourceId, o?.error ?? '');
  const out = await captureResource(p, o.resourceId, localDeps());
  assert.equal(out.error, null);
  assert.ok(out.ok && out.evidenceId);
  const r = await p.db.selectFrom('om_resources').selectAll().where('id', '=', o.resourceId).executeTakeFirstOrThrow();
  assert.equal(r.label, 'drug_ad');
  assert.equal(r.title, 'Кристалл — магазин');
  assert.ok(r.shop_id, 'a drug site gets a shop');
  assert.ok(!String(r.text_sample).includes('4400 0000 0000 0008'), 'card numbers are masked in stored text');
  const evidence = await p.db.selectFrom('om_evidence').select(['kind', 'sha256', 'size']).where('resource_id', '=', r.id).execute();
  assert.ok(
    evidence.some((e) => e.kind === 'warc'),
    JSON.stringify(evidence.map((e) => e.kind)),
  );
  for (const e of evidence) assert.match(e.sha256, /^[0-9a-f]{64}$/);
  // links to another domain and to a Telegram bot were submitted as crawler finds; the own domain was not
  assert.equal(out.followed, 2);
  const found = await p.db
    .selectFrom('om_submissions')
    .select(['input', 'resource_id'])
    .where('source', '=', 'crawler')
    .orderBy('input')
    .execute();
  assert.deepEqual(
    found.map((f) => f.input),
    ['https://synth-kristall-mirror.kz/', 'https://t.me/synth_kristall_bot'],
  );
  const mirror = await p.db
    .selectFrom('om_resources')
    .select(['kind', 'locator'])
    .where('locator', '=', 'synth-kristall-mirror.kz')
    .executeTakeFirst();
  assert.equal(mirror?.kind, 'domain');
});

test('a site that cannot be reached records the failure on the resource and keeps going', async () => {
  const ctx = { actor: SYSTEM_ACTOR, requestId: 't', locale: 'en' as const };
  const [o] = await ingestMany(p, ctx, [{ source: 'analyst', inputKind: 'url', input: 'https://synth-gone.kz/' }]);
  assert.ok(o?.resourceId);
  // the real guard: without a test origin, a name resolving to loopback is refused
  const deps: CaptureDeps = {
    ...DEFAULT_DEPS,
    captureUrl: (url, opt) => captureUrl(url, { ...opt, screenshot: false, lookup: async () => [{ address: '127.0.0.1', family: 4 }] }),
  };
  const out = await captureResource(p, o.resourceId, deps);
  assert.equal(out.ok, false);
  assert.match(String(out.error), /blocked_address/);
  const r = await p.db
    .selectFrom('om_resources')
    .select(['capture_error', 'capture_attempts'])
    .where('id', '=', o.resourceId)
    .executeTakeFirstOrThrow();
  assert.match(String(r.capture_error), /blocked_address/);
  assert.equal(r.capture_attempts, 1);
});
