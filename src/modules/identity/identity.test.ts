import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildUser, login } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { currentTotp } from './crypto.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ config: { authRateLimit: 1000 } });
});
after(() => t.close());

const loginReq = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

test('a regional user logs in with a password and gets an HttpOnly SameSite=Strict cookie', async () => {
  const u = await buildUser(t.platform, { role: 'police_officer', regionCode: 'KZ-55' });
  const res = await loginReq(u.username, u.password);
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.session.user.region.code, 'KZ-55');
  assert.ok(body.session.permissions.includes('settlements.read'));
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /tartip_session=/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  // the password is stored as argon2id
  const row = await t.platform.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
  assert.match(row.password_hash, /^\$argon2id\$/);
});

test('a wrong password and an unknown user get the same answer, and both are audited', async () => {
  const u = await buildUser(t.platform);
  const a = await loginReq(u.username, 'wrong-password!');
  const b = await loginReq('nobody-here', 'wrong-password!');
  assert.equal(a.statusCode, 401);
  assert.equal(b.statusCode, 401);
  assert.equal(a.json().code, 'invalid_credentials');
  assert.equal(a.json().title, b.json().title);
  const failures = await t.platform.db
    .selectFrom('audit_log')
    .select(['actor_username', 'details'])
    .where('action', '=', 'auth.login_failed')
    .execute();
  assert.ok(failures.some((f) => f.actor_username === 'nobody-here'));
});

test('five wrong passwords lock the account, even for the right password', async () => {
  const u = await buildUser(t.platform);
  for (let i = 0; i < 5; i++) assert.equal((await loginReq(u.username, 'nope-nope-nope')).statusCode, 401);
  assert.equal((await loginReq(u.username, u.password)).statusCode, 401);
});

test('privileged roles need a TOTP code; a wrong or replayed code is refused', async () => {
  const admin = await buildUser(t.platform, { role: 'commission_admin' });
  assert.ok(admin.totpSecret);
  const first = await loginReq(admin.username, admin.password);
  assert.equal(first.json().status, 'totp_required');
  assert.equal(first.headers['set-cookie'], undefined, 'no session before the second factor');
  const challenge = first.json().challenge as string;
  const wrong = await t.app.inject({
    method: 'POST',
    url: '/api/auth/totp',
    payload: { challenge, code: '000000' === currentTotp(admin.totpSecret) ? '111111' : '000000' },
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().code, 'invalid_totp');
  const code = currentTotp(admin.totpSecret);
  const ok = await t.app.inject({ method: 'POST', url: '/api/auth/totp', payload: { challenge, code } });
  assert.equal(ok.statusCode, 200);
  assert.ok(ok.json().session.permissions.includes('audit.read'));
  // the challenge is single-use, and the same code cannot be used again
  const again = await t.app.inject({ method: 'POST', url: '/api/auth/totp', payload: { challenge, code } });
  assert.equal(again.statusCode, 401);
  const second = await loginReq(admin.username, admin.password);
  const replay = await t.app.inject({ method: 'POST', url: '/api/auth/totp', payload: { challenge: second.json().challenge, code } });
  assert.equal(replay.statusCode, 401);
  // the TOTP seed is encrypted at rest
  const row = await t.platform.db.selectFrom('users').select('totp_secret_box').where('id', '=', admin.id).executeTakeFirstOrThrow();
  assert.ok(row.totp_secret_box?.startsWith('v1.'));
  assert.ok(!row.totp_secret_box?.includes(admin.totpSecret));
});

test('writes with a session need the CSRF token', async () => {
  const s = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-71' }));
  const body = {
    name: 'Көктөбе',
    regionCode: 'KZ-71',
    district: 'Сарыарка ауданы',
    status: 'candidate',
    population: 300,
    activists: 3,
    joinedOn: '2025-01-10',
  };
  const without = await t.app.inject({ method: 'POST', url: '/api/settlements', headers: { cookie: s.cookie }, payload: body });
  assert.equal(without.statusCode, 403);
  const wrong = await t.app.inject({
    method: 'POST',
    url: '/api/settlements',
    headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
    payload: body,
  });
  assert.equal(wrong.statusCode, 403);
  const ok = await t.app.inject({ method: 'POST', url: '/api/settlements', headers: s.headers, payload: body });
  assert.equal(ok.statusCode, 201);
});

test('logout ends the session; an expired or idle session answers session_expired', async () => {
  const u = await buildUser(t.platform);
  const s = await login(t.app, u);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: s.headers })).statusCode, 200);
  const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
  assert.equal(out.statusCode, 204);
  const after = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: s.headers });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json().code, 'session_expired');

  const s2 = await login(t.app, u);
  await sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${u.id} and revoked_at is null`.execute(
    t.platform.db,
  );
  await new Promise((r) => setTimeout(r, 2100)); // past the in-memory authentication cache
  const expired = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: s2.headers });
  assert.equal(expired.statusCode, 401);
  assert.equal(expired.json().code, 'session_expired');
});

test('API tokens are shown once, stored hashed, scoped, and revocable', async () => {
  const admin = await buildUser(t.platform, { role: 'commission_admin' });
  const s = await login(t.app, admin);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: s.headers,
    payload: { name: 'ISP feed', organisationCode: 'MCI', permissions: ['reference.read'], regionCode: null },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { token, record } = created.json();
  assert.match(token, /^tt_/);
  const stored = await t.platform.db.selectFrom('api_tokens').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
  assert.notEqual(stored.token_hash, token);
  assert.ok(!JSON.stringify(stored).includes(token));
  const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: s.headers });
  assert.ok(!list.body.includes(token));
  const auth = { authorization: `Bearer ${token}` };
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/reference/regions', headers: auth })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/settlements', headers: auth })).statusCode, 403);
  // permissions that a machine may not hold are refused
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: s.headers,
    payload: { name: 'xy', organisationCode: 'MCI', permissions: ['users.write', 'nope.nope'], regionCode: null },
  });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { code: string }) => e.code)
      .sort(),
    ['not_token_grantable', 'unknown_permission'],
  );
  const revoke = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${record.id}`, headers: s.headers });
  assert.equal(revoke.statusCode, 204);
  const denied = await t.app.inject({ method: 'GET', url: '/api/reference/regions', headers: auth });
  assert.equal(denied.statusCode, 401);
  assert.equal(denied.json().code, 'invalid_token');
});

test('creating users validates role, region and organisation against the registry', async () => {
  const s = await login(t.app, await buildUser(t.platform, { role: 'commission_admin' }));
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: s.headers,
    payload: {
      username: 'new.user',
      displayName: 'Жаңа Қолданушы',
      password: 'long-enough-password',
      role: 'regional_coordinator',
      organisationCode: 'NOPE',
      regionCode: null,
    },
  });
  assert.equal(bad.statusCode, 400);
  const codes = bad
    .json()
    .errors.map((e: { code: string }) => e.code)
    .sort();
  assert.deepEqual(codes, ['region_required', 'unknown_organisation']);
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: s.headers,
    payload: {
      username: 'new.user',
      displayName: 'Жаңа Қолданушы',
      password: 'long-enough-password',
      role: 'auditor',
      organisationCode: 'PGO',
      regionCode: null,
    },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.match(ok.json().totpUri, /^otpauth:\/\/totp\//);
  const dup = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: s.headers,
    payload: {
      username: 'NEW.USER',
      displayName: 'Again',
      password: 'long-enough-password',
      role: 'auditor',
      organisationCode: 'PGO',
      regionCode: null,
    },
  });
  assert.equal(dup.statusCode, 409);
});

test('viewing a user record is audited', async () => {
  const s = await login(t.app, await buildUser(t.platform, { role: 'commission_admin' }));
  const target = await buildUser(t.platform, { regionCode: 'KZ-10' });
  const res = await t.app.inject({ method: 'GET', url: `/api/users/${target.id}`, headers: s.headers });
  assert.equal(res.statusCode, 200);
  const entry = await t.platform.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'user.read')
    .where('resource_id', '=', target.id)
    .executeTakeFirst();
  assert.ok(entry);
  assert.equal(entry.region_code, 'KZ-10');
});

test('login attempts are rate-limited per client', async () => {
  const limited = await createTestApp({ config: { authRateLimit: 3 } });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode,
      );
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
    const last = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    assert.equal(last.json().code, 'rate_limited');
    assert.ok(last.headers['retry-after']);
  } finally {
    await limited.close();
  }
});
