import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildToken, buildUser, login, type Session } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-platform.ts';
import { reportFormToken } from './report.service.ts';
import { luhnCard } from './testing.ts';

let t: TestApp;
let analyst: Session;
const BASE = '/api/online-markets';
before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'om_analyst', organisationCode: 'MIA' }));
});
after(() => t.close());

const CARD = luhnCard('440043012345678');
const AD = `Продам мефедрон и альфа, закладки по городу, качество гарантия. Пиши @snow_kz_shop, оплата на карту ${CARD.replace(/(\d{4})/g, '$1 ').trim()}`;

test('a pasted ad is scanned, deduplicated, its card stored as a keyed hash and published to the payments watchlist', async () => {
  const r1 = await t.app.inject({ method: 'POST', url: `${BASE}/intake`, headers: analyst.headers, payload: { text: AD } });
  assert.equal(r1.statusCode, 200, r1.body);
  const first = r1.json().items[0];
  assert.equal(first.outcome, 'new');
  assert.equal(first.kind, 'text');
  assert.equal(first.label, 'drug_ad');
  assert.match(first.shopCode, /^SHOP-\d{6}$/);
  const r2 = await t.app.inject({ method: 'POST', url: `${BASE}/intake`, headers: analyst.headers, payload: { text: `${AD}  ` } });
  assert.equal(r2.json().items[0].outcome, 'duplicate');
  assert.equal(r2.json().items[0].resourceId, first.resourceId);
  const db = t.platform.db;
  const cards = await db.selectFrom('om_indicators').selectAll().where('type', '=', 'card').execute();
  assert.equal(cards.length, 1);
  assert.notEqual(cards[0]!.value, CARD);
  assert.equal(cards[0]!.last4, CARD.slice(-4));
  const subs = await db.selectFrom('om_submissions').select(['input']).execute();
  assert.ok(
    subs.every((s) => !s.input.replace(/\D/g, '').includes(CARD)),
    'no card in clear in submissions',
  );
  const res = await db.selectFrom('om_resources').select(['text_sample', 'kind', 'locator']).execute();
  assert.ok(res.every((r) => !(r.text_sample ?? '').replace(/\D/g, '').includes(CARD)));
  // the handle of the ad became a resource of its own, in the same shop
  const handle = res.find((r) => r.kind === 'telegram');
  assert.equal(handle?.locator, 'snow_kz_shop');
  const watch = await db.selectFrom('pay_watchlist').selectAll().execute();
  const card = watch.find((w) => w.type === 'card');
  assert.ok(card, 'card on the watchlist');
  assert.notEqual(card.identifier_hash, CARD);
  assert.ok(!JSON.stringify(watch).includes(CARD));
  assert.equal(card.shop_ref, first.shopCode);
  assert.equal(card.evidence_ref, `om-resource:${first.resourceId}`);
});

test('file upload: per-line outcomes with line numbers; a bad line never stops the batch', async () => {
  const content = [
    '{"id":"a1","text":"Работа курьером-закладчиком, оплата каждый день, пиши @kladmen_job_kz"}',
    '{"id":"a2","text":',
    '',
    '{"id":"a3","url":"https://mirror-snow.kz/"}',
    '{"id":"a4"}',
    '{"id":"a5","url":"not a url"}',
  ].join('\n');
  const res = await t.app.inject({
    method: 'POST',
    url: `${BASE}/intake/file`,
    headers: analyst.headers,
    payload: { format: 'jsonl', content },
  });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as { line: number; outcome: string; error: string | null; label: string | null }[];
  assert.deepEqual(
    items.map((i) => [i.line, i.outcome]),
    [
      [1, 'new'],
      [2, 'rejected'],
      [4, 'new'],
      [5, 'rejected'],
      [6, 'rejected'],
    ],
  );
  assert.match(items[1]!.error ?? '', /malformed JSON/);
  assert.equal(items[0]!.label, 'drug_recruitment');
  const raw = await t.app.inject({
    method: 'POST',
    url: `${BASE}/intake/file`,
    headers: { ...analyst.headers, 'content-type': 'text/plain' },
    payload: 'https://mirror-snow.kz/\n@another_shop_kz\n',
  });
  assert.deepEqual(
    raw.json().items.map((i: { outcome: string; kind: string }) => [i.outcome, i.kind]),
    [
      ['duplicate', 'domain'],
      ['new', 'telegram'],
    ],
  );
  const csv = await t.app.inject({
    method: 'POST',
    url: `${BASE}/intake/file`,
    headers: analyst.headers,
    payload: { format: 'csv', content: 'id;text\nc1;"Мефедрон, гашиш; доставка закладкой"\nc2;"unbalanced' },
  });
  assert.deepEqual(
    csv.json().items.map((i: { line: number; outcome: string }) => [i.line, i.outcome]),
    [
      [2, 'new'],
      [3, 'rejected'],
    ],
  );
});

test('partner JSONL batches are idempotent by item id per submitter', async () => {
  const partner = await buildToken(t.platform, { permissions: ['om.intake'], organisationCode: 'MIA' });
  const body = '{"id":"p-1","text":"Соль, меф, шишки — опт и розница, закладки 24/7, бот @fast_stuff_bot"}\n{"text":"no id"}\n';
  const send = () =>
    t.app.inject({
      method: 'POST',
      url: `${BASE}/intake/batch`,
      headers: { ...partner.headers, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
  const a = await send();
  assert.equal(a.statusCode, 200, a.body);
  assert.deepEqual(
    a.json().items.map((i: { outcome: string }) => i.outcome),
    ['new', 'rejected'],
  );
  assert.match(a.json().items[1].error, /id: required/);
  const b = await send();
  assert.equal(b.json().items[0].outcome, 'duplicate');
  assert.equal(b.json().items[0].submissionId, a.json().items[0].submissionId);
  const subs = await t.platform.db.selectFrom('om_submissions').selectAll().where('external_id', '=', 'p-1').execute();
  assert.equal(subs.length, 1);
  assert.equal(subs[0]!.source, 'partner');
  // no token, no intake
  const anon = await t.app.inject({
    method: 'POST',
    url: `${BASE}/intake/batch`,
    headers: { 'content-type': 'application/x-ndjson' },
    payload: body,
  });
  assert.equal(anon.statusCode, 401);
});

test('citizen reports: form token with minimum fill time, honeypot, photo checks, per-IP rate limit', async () => {
  const post = (payload: object, ip = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: `${BASE}/report`, payload, remoteAddress: ip });
  const form = await t.app.inject({ method: 'GET', url: `${BASE}/report/form` });
  assert.equal(form.statusCode, 200);
  const tooFast = await post({ handle: 'snow_kz_shop', formToken: form.json().formToken }, '198.51.100.1');
  assert.equal(tooFast.statusCode, 400);
  assert.equal(tooFast.json().errors[0].code, 'too_fast');
  const old = reportFormToken(t.platform, Date.now() - 10_000);
  const forged = await post({ handle: 'snow_kz_shop', formToken: old.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) }, '198.51.100.1');
  assert.equal(forged.json().errors[0].code, 'bad_form_token');
  const before = await t.platform.db
    .selectFrom('om_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const bot = await post({ text: 'buy now', website: 'http://spam', formToken: old }, '198.51.100.2');
  assert.equal(bot.statusCode, 202);
  const afterBot = await t.platform.db
    .selectFrom('om_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(afterBot.n), Number(before.n), 'honeypot stores nothing');
  const notPng = await post(
    {
      text: 'объявление на стене',
      photo: { contentType: 'image/png', base64: Buffer.from('GIF89a....').toString('base64') },
      formToken: old,
    },
    '198.51.100.3',
  );
  assert.equal(notPng.statusCode, 400);
  assert.equal(notPng.json().errors[0].code, 'not_an_image');
  const ok = await post(
    { text: 'На стене: мефедрон, закладки, телеграм @wall_shop_kz', regionCode: 'KZ-75', latitude: 43.24, longitude: 76.9, formToken: old },
    '198.51.100.4',
  );
  assert.equal(ok.statusCode, 202, ok.body);
  const sub = await t.platform.db.selectFrom('om_submissions').selectAll().where('id', '=', ok.json().reference).executeTakeFirstOrThrow();
  assert.equal(sub.source, 'citizen');
  assert.equal(sub.region_code, 'KZ-75');
  const codes: number[] = [];
  for (let i = 0; i < 7; i++) codes.push((await post({ handle: 'rate_limited_kz', formToken: old }, '198.51.100.9')).statusCode);
  assert.deepEqual(codes.slice(0, 5), [202, 202, 202, 202, 202]);
  assert.equal(codes[6], 429);
});
