import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildToken, buildUser, login, type Session } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-platform.ts';
import { regenerateFeed } from './regenerate.ts';
import { verifyFeedSignature } from './signing.ts';
import { approvedResource, insertDecision, insertResource } from './testing.ts';

let t: TestApp;
let isp: { headers: Record<string, string> };
let other: { headers: Record<string, string> };
let analyst: Session;
let publicKeyPem: string;
const ids: Record<string, string> = {};
const URL_BASE = '/api/online-markets/feed';

before(async () => {
  t = await createTestApp();
  isp = await buildToken(t.platform, { organisationCode: 'MIA', permissions: ['om.feed_read'] });
  other = await buildToken(t.platform, { organisationCode: 'MIA', permissions: ['om.dashboard'] });
  analyst = await login(t.app, await buildUser(t.platform, { role: 'om_analyst' }));
  const key = await t.app.inject({ method: 'GET', url: `${URL_BASE}/public-key` });
  assert.equal(key.statusCode, 200);
  publicKeyPem = key.json().publicKeyPem;
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = isp.headers) => t.app.inject({ method: 'GET', url, headers });

function assertSigned(res: Awaited<ReturnType<typeof get>>) {
  const sig = String(res.headers['x-feed-signature']);
  assert.ok(verifyFeedSignature(res.rawPayload, sig, publicKeyPem), `signature of ${res.body.slice(0, 80)}`);
  assert.ok(!verifyFeedSignature(Buffer.concat([res.rawPayload, Buffer.from('evil.kz\n')]), sig, publicKeyPem));
}

test('no feed before the first decision; the public key needs no login', async () => {
  assert.equal((await get(URL_BASE)).statusCode, 404);
  const pem = await t.app.inject({ method: 'GET', url: `${URL_BASE}/public-key?format=pem` });
  assert.equal(pem.body, publicKeyPem);
  assert.match(publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
  assert.equal((await regenerateFeed(t.platform)).version, null, 'nothing to list: no version');
});

test('approving two domains, a URL and a handle makes version 1; resources move to published with events', async () => {
  ids.a = await approvedResource(t.platform, 'domain', 'a-shop.kz', { number: 'D-1', by: 'approver.one' });
  ids.b = await approvedResource(t.platform, 'domain', 'b-shop.kz', { number: 'D-2', by: 'approver.one' });
  ids.u = await approvedResource(t.platform, 'url', 'https://board.example/ad/77', { number: 'D-3', by: 'approver.two' });
  ids.tg = await approvedResource(t.platform, 'telegram', 'fake_shop_bot', { number: 'D-4', by: 'approver.two' });
  const ignored = await insertResource(t.platform, { kind: 'domain', locator: 'in-review.kz', status: 'in_review' });
  await insertDecision(t.platform, ignored, { status: 'in_review' });
  await insertResource(t.platform, { kind: 'domain', locator: 'no-decision.kz', status: 'approved' });

  const r = await regenerateFeed(t.platform);
  assert.deepEqual(
    { version: r.version, added: r.added, removed: r.removed, published: r.published },
    { version: 1, added: 4, removed: 0, published: 4 },
  );
  const res = await t.platform.db
    .selectFrom('om_resources')
    .select(['id', 'status', 'published_at', 'next_check_at'])
    .where('id', 'in', Object.values(ids))
    .execute();
  for (const row of res) {
    assert.equal(row.status, 'published');
    const dueIn = new Date(row.next_check_at as unknown as string).getTime() - new Date(row.published_at as unknown as string).getTime();
    assert.equal(dueIn, 3600_000);
  }
  const events = await t.platform.db
    .selectFrom('om_events')
    .select(['resource_id', 'kind', 'detail', 'to_status'])
    .where('kind', '=', 'published')
    .execute();
  assert.equal(events.length, 4);
  assert.deepEqual(events[0]!.detail, { feedVersion: 1 });
  assert.equal((await regenerateFeed(t.platform)).version, null, 'nothing changed: no new version');

  const domains = await get(`${URL_BASE}?format=domains`);
  assert.equal(domains.statusCode, 200, domains.body);
  assert.equal(domains.body, 'a-shop.kz\nb-shop.kz\n');
  assert.equal(domains.headers['x-feed-version'], '1');
  assertSigned(domains);
  const csv = await get(`${URL_BASE}?format=csv`);
  assert.match(csv.body, /^fake_shop_bot,telegram,"Law ""On Communications"" art. 41-1",D-4,2025-09-01,/m);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  for (const format of ['hosts', 'rpz', 'urls', 'csv']) assertSigned(await get(`${URL_BASE}?format=${format}`));
});

test('ETag and If-None-Match: 304 while the version stands', async () => {
  const first = await get(`${URL_BASE}?format=rpz`);
  const etag = String(first.headers.etag);
  assert.match(etag, /^"v1-rpz-[0-9a-f]{32}"$/);
  const again = await t.app.inject({ method: 'GET', url: `${URL_BASE}?format=rpz`, headers: { ...isp.headers, 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers.etag, etag);
  const otherFormat = await t.app.inject({
    method: 'GET',
    url: `${URL_BASE}?format=hosts`,
    headers: { ...isp.headers, 'if-none-match': etag },
  });
  assert.equal(otherFormat.statusCode, 200);
});

test('restore one and approve one make version 2; delta and version 1 stay exact', async () => {
  await insertDecision(t.platform, ids.a!, { action: 'restore', number: 'R-1', reason: 'owner removed the content', by: 'approver.three' });
  ids.c = await approvedResource(t.platform, 'domain', 'c-shop.kz', { number: 'D-5', by: 'approver.one' });
  const r = await regenerateFeed(t.platform);
  assert.deepEqual(
    { version: r.version, added: r.added, removed: r.removed, published: r.published },
    { version: 2, added: 1, removed: 1, published: 1 },
  );

  assert.equal((await get(`${URL_BASE}?format=domains`)).body, 'b-shop.kz\nc-shop.kz\n');
  const v1 = await get(`${URL_BASE}?format=domains&version=1`);
  assert.equal(v1.body, 'a-shop.kz\nb-shop.kz\n');
  assert.equal(v1.headers['x-feed-version'], '1');
  assertSigned(v1);
  const rpz2 = await get(`${URL_BASE}?format=rpz`);
  assert.match(rpz2.body, /SOA localhost\. hostmaster\.localhost\. 2 /);

  const delta = await get(`${URL_BASE}/delta?since=1`);
  assert.equal(delta.statusCode, 200, delta.body);
  assertSigned(delta);
  const d = delta.json();
  assert.deepEqual(
    { since: d.since, version: d.version, added: d.added.map((x: { value: string }) => x.value), removed: d.removed },
    { since: 1, version: 2, added: ['c-shop.kz'], removed: [{ value: 'a-shop.kz', kind: 'domain' }] },
  );
  assert.equal(d.added[0].decisionNumber, 'D-5');
  const text = await get(`${URL_BASE}/delta?since=1&format=domains`);
  assert.equal(text.body, '-a-shop.kz\n+c-shop.kz\n');
  assertSigned(text);
  const fromZero = await get(`${URL_BASE}/delta?since=0&version=1&format=domains`);
  assert.equal(fromZero.body, '+a-shop.kz\n+b-shop.kz\n');
  assert.equal((await get(`${URL_BASE}/delta?since=2`)).json().added.length, 0);
  assert.equal((await get(`${URL_BASE}/delta?since=3`)).statusCode, 400);
  assert.equal((await get(`${URL_BASE}?version=9`)).statusCode, 404);

  const restored = await t.platform.db.selectFrom('om_events').select(['kind', 'detail']).where('resource_id', '=', ids.a!).execute();
  assert.deepEqual(
    restored.map((e) => e.kind),
    ['published', 'feed_removed'],
  );
});

test('an old ETag gets the new version', async () => {
  const v1 = await get(`${URL_BASE}?format=domains&version=1`);
  const res = await t.app.inject({
    method: 'GET',
    url: `${URL_BASE}?format=domains`,
    headers: { ...isp.headers, 'if-none-match': String(v1.headers.etag) },
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['x-feed-version'], '2');
});

test('a new decision on a listed resource replaces its entry: it is in the delta as added, not removed', async () => {
  await insertDecision(t.platform, ids.b!, { number: 'D-6-corrected', by: 'approver.one' });
  const r = await regenerateFeed(t.platform);
  assert.deepEqual({ version: r.version, added: r.added, removed: r.removed }, { version: 3, added: 1, removed: 0 });
  const d = (await get(`${URL_BASE}/delta?since=2`)).json();
  assert.deepEqual(d.removed, []);
  assert.deepEqual(
    d.added.map((x: { value: string; decisionNumber: string }) => [x.value, x.decisionNumber]),
    [['b-shop.kz', 'D-6-corrected']],
  );
  assert.equal((await get(`${URL_BASE}?format=domains`)).body, 'b-shop.kz\nc-shop.kz\n');
});

test('who may read: ISP token yes, other token 403, no login 401, history needs om.feed_history', async () => {
  assert.equal((await get(URL_BASE, {})).statusCode, 401);
  assert.equal((await get(URL_BASE, other.headers)).statusCode, 403);
  assert.equal((await get(`${URL_BASE}/delta?since=0`, other.headers)).statusCode, 403);
  assert.equal((await get(`${URL_BASE}/versions`, isp.headers)).statusCode, 403);
  assert.equal((await get(`${URL_BASE}/versions/1`, {})).statusCode, 401);
  assert.equal((await get(URL_BASE, analyst.headers)).statusCode, 403, 'analysts see the history, not the ISP download');
});

test('history: counts, digests and who decided what, newest first; detail of one version', async () => {
  const list = await get(`${URL_BASE}/versions?pageSize=2`, analyst.headers);
  assert.equal(list.statusCode, 200, list.body);
  const body = list.json();
  assert.equal(body.total, 3);
  assert.deepEqual(
    body.items.map((v: { version: number }) => v.version),
    [3, 2],
  );
  const v2 = body.items[1];
  assert.deepEqual([v2.entryCount, v2.addedCount, v2.removedCount, v2.previousVersion], [4, 1, 1, 1]);
  assert.equal(v2.formats.length, 5);
  assert.deepEqual(
    v2.decisions.map((x: { change: string; decidedBy: string; decisionNumber: string }) => [x.change, x.decidedBy, x.decisionNumber]),
    [
      ['added', 'approver.one', 'D-5'],
      ['removed', 'approver.three', 'R-1'],
    ],
  );
  const domainsDigest = v2.formats.find((f: { format: string }) => f.format === 'domains').sha256;
  assert.equal((await get(`${URL_BASE}?format=domains&version=2`)).headers['x-feed-sha256'], domainsDigest);

  const detail = await get(`${URL_BASE}/versions/2`, analyst.headers);
  assert.equal(detail.statusCode, 200, detail.body);
  const dv = detail.json();
  assert.deepEqual(
    dv.added.map((x: { value: string; decidedBy: string }) => [x.value, x.decidedBy]),
    [['c-shop.kz', 'approver.one']],
  );
  assert.deepEqual(dv.removed[0].restore, { decisionNumber: 'R-1', reason: 'owner removed the content', decidedBy: 'approver.three' });
  assert.equal((await get(`${URL_BASE}/versions/99`, analyst.headers)).statusCode, 404);
});

test('history is immutable in the database', async () => {
  const db = t.platform.db;
  await assert.rejects(sql`update om_feed_versions set entry_count = 0 where version = 1`.execute(db), /immutable/);
  await assert.rejects(sql`delete from om_feed_signatures where version = 1`.execute(db), /immutable/);
  await assert.rejects(sql`delete from om_feed_entries`.execute(db), /append-only/);
  await assert.rejects(
    sql`update om_feed_entries set value = 'x.kz' where removed_in_version is null`.execute(db),
    /only removed_in_version/,
  );
  await assert.rejects(
    sql`update om_feed_entries set removed_in_version = 3 where removed_in_version = 2`.execute(db),
    /only removed_in_version/,
  );
  const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'om_feed.publish').execute();
  assert.equal(audit.length, 3);
});
