import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';

let t: TestApp;
let s: Session;
before(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: 4096 } });
  s = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-71' }));
});
after(() => t.close());

const valid = {
  name: 'Жаңаауыл',
  regionCode: 'KZ-71',
  district: 'Алматы ауданы',
  status: 'pledged',
  population: 800,
  activists: 10,
  joinedOn: '2025-04-01',
};
const count = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/settlements?pageSize=1', headers: s.headers })).json().total as number;
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/settlements',
    headers: { ...s.headers, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

test('health reports the engine and its version', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/health' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.database.engine, t.platform.engine);
  assert.match(body.database.version, /^PostgreSQL \d+/);
});

test('request ids are echoed, generated, and unsafe ones replaced', async () => {
  const a = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
  assert.equal(a.headers['x-request-id'], 'abc-123');
  const b = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'bad id\nInjected: 1' } });
  assert.match(String(b.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('security headers are set', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/health' });
  assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers['x-frame-options']);
});

test('OpenAPI document and docs are served from the same schemas', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/settlements'].post.requestBody);
  assert.ok(doc.paths['/api/auth/login']);
  const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
});

test('malformed JSON is a problem, and nothing is written', async () => {
  const before = await count();
  const res = await post('{"name": "x",');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().code, 'malformed_json');
  assert.equal(res.json().status, 400);
  assert.equal(await count(), before);
});

test('wrong types name the field', async () => {
  const res = await post({ ...valid, population: 'many' });
  assert.equal(res.statusCode, 400);
  const body = res.json();
  assert.equal(body.code, 'validation_failed');
  assert.ok(
    body.errors.some((e: { path: string }) => e.path === 'body.population'),
    JSON.stringify(body.errors),
  );
});

test('unknown fields are refused', async () => {
  const res = await post({ ...valid, isAdmin: true });
  assert.equal(res.statusCode, 400);
  assert.ok(res.json().errors.some((e: { code: string }) => e.code === 'unrecognized_keys'));
});

test('oversized bodies are refused with 413', async () => {
  const res = await post({ ...valid, notes: 'x'.repeat(10_000) });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().code, 'payload_too_large');
});

test('unsupported content types are refused with 415', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/settlements',
    headers: { ...s.headers, 'content-type': 'application/xml' },
    payload: '<a/>',
  });
  assert.equal(res.statusCode, 415);
  assert.equal(res.json().code, 'unsupported_media_type');
});

test('SQL-looking strings are stored as text, not run', async () => {
  const evil = "Robert'); DROP TABLE sober_settlements;--";
  const res = await post({ ...valid, name: evil, notes: "' OR 1=1 --" });
  assert.equal(res.statusCode, 201, res.body);
  const got = await t.app.inject({ method: 'GET', url: `/api/settlements/${res.json().id}`, headers: s.headers });
  assert.equal(got.json().name, evil);
  const search = await t.app.inject({ method: 'GET', url: `/api/settlements?q=${encodeURIComponent("%' OR '1'='1")}`, headers: s.headers });
  assert.equal(search.statusCode, 200);
  assert.equal(search.json().total, 0);
});

test('invalid, revoked and malformed bearer tokens get 401 invalid_token', async () => {
  for (const token of ['tt_nope', 'x'.repeat(5000), '']) {
    const res = await t.app.inject({ method: 'GET', url: '/api/reference/regions', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 401, token.slice(0, 10));
  }
});

test('an unknown API path is a problem+json 404', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'not_found');
});

test('problem titles follow Accept-Language', async () => {
  const kk = await t.app.inject({ method: 'GET', url: '/api/settlements', headers: { 'accept-language': 'kk-KZ,kk;q=0.9' } });
  const en = await t.app.inject({ method: 'GET', url: '/api/settlements', headers: { 'accept-language': 'en' } });
  assert.equal(kk.json().code, 'unauthenticated');
  assert.equal(en.json().title, 'Please log in');
  assert.notEqual(kk.json().title, en.json().title);
});
