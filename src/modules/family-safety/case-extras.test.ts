import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { runRetention } from './retention.service.ts';
import { RULES } from './rules.ts';
import { runDailyFamilySafety } from './tasks.service.ts';
import { buildSchool, intakeBody, linkUser } from './testing.ts';

let t: TestApp;
let officer: Session;
let officerId: string;
let other: Session;
let otherRegion: Session;
const url = '/api/family-safety';
const sha = 'a'.repeat(64);

before(async () => {
  t = await createTestApp();
  const o = await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' });
  officerId = o.id;
  officer = await login(t.app, o);
  other = await login(t.app, await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' }));
  otherRegion = await login(
    t.app,
    await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-71', organisationCode: 'MIA' }),
  );
});
after(() => t.close());

const post = (s: Session, path: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `${url}${path}`, headers: s.headers, payload: payload as object });
const get = (s: Session, path: string) => t.app.inject({ method: 'GET', url: `${url}${path}`, headers: s.headers });
const newCase = async (s = officer, o: Parameters<typeof intakeBody>[0] = {}) => (await post(s, '/cases', intakeBody(o))).json();

test('timeline entries and tasks carry a kind code and params besides the English text', async () => {
  const c = await newCase();
  assert.deepEqual(c.tasks[0].params, {});
  assert.equal(c.tasks[0].kind, 'first_contact');
  const tl = (await get(officer, `/cases/${c.id}/timeline`)).json();
  const intake = tl.items.find((e: { kind: string }) => e.kind === 'intake');
  assert.deepEqual(intake.params, { code: c.code, source: 'police_call', isRepeat: false });
  assert.match(intake.summary, /taken in/);
  const subject = c.people.find((x: { role: string }) => x.role === 'offender');
  const startsOn = new Date(Date.now() - 26 * 86_400_000).toISOString().slice(0, 10);
  const m = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'protective_order',
    subjectPersonId: subject.personId,
    startsOn,
    conditions: ['no_contact'],
    checkinsPerMonth: 1,
  });
  assert.equal(m.statusCode, 201, m.body);
  await runDailyFamilySafety(t.platform);
  const tasks = (await get(officer, '/tasks?status=open&pageSize=100')).json();
  const expiry = tasks.items.find((x: { caseId: string; kind: string }) => x.caseId === c.id && x.kind === 'measure_expiry');
  assert.deepEqual(expiry.params, { endsOn: m.json().endsOn });
  const tl2 = (await get(officer, `/cases/${c.id}/timeline`)).json();
  assert.deepEqual(tl2.items.find((e: { kind: string }) => e.kind === 'measure').params, {
    measureKind: 'protective_order',
    startsOn,
    endsOn: m.json().endsOn,
  });
});

test('officers to assign: active dv officers of the caller region; the case team shows names', async () => {
  const list = (await get(officer, '/officers')).json();
  assert.ok(list.items.some((u: { id: string }) => u.id === officerId));
  assert.ok(list.items.every((u: { id: string; displayName: string }) => u.id && u.displayName));
  const far = await get(officer, '/officers?region=KZ-71');
  assert.equal(far.statusCode, 400);
  assert.equal(far.json().errors[0].code, 'out_of_scope');
  const c = await newCase();
  assert.deepEqual(
    c.team.map((m: { userId: string; role: string }) => [m.userId, m.role]),
    [[officerId, 'creator']],
  );
  const colleague = list.items.find((u: { id: string }) => u.id !== officerId);
  const assigned = (await post(officer, `/cases/${c.id}/assign`, { version: c.version, userId: colleague.id })).json();
  assert.equal(assigned.team.length, 2);
  assert.equal(assigned.team[1].displayName, colleague.displayName);
});

test('attachments: metadata recorded and audited; oversized → 413 with nothing written; wrong type → field error', async () => {
  const c = await newCase();
  const ok = await post(officer, `/cases/${c.id}/attachments`, {
    name: 'photo.jpg',
    contentType: 'image/jpeg',
    sizeBytes: 1234,
    sha256: sha,
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().sizeBytes, 1234);
  const big = await post(officer, `/cases/${c.id}/attachments`, {
    name: 'video.mp4',
    contentType: 'video/mp4',
    sizeBytes: RULES.attachments.maxBytes + 1,
    sha256: sha,
  });
  assert.equal(big.statusCode, 413);
  assert.equal(big.json().code, 'payload_too_large');
  assert.match(big.json().detail, /limit is 20 MB/);
  const exe = await post(officer, `/cases/${c.id}/attachments`, {
    name: 'x.exe',
    contentType: 'application/x-msdownload',
    sizeBytes: 10,
    sha256: sha,
  });
  assert.equal(exe.json().errors[0].code, 'content_type_not_allowed');
  const far = await post(otherRegion, `/cases/${c.id}/attachments`, {
    name: 'a.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    sha256: sha,
  });
  assert.equal(far.statusCode, 404);
  const page = (await get(officer, `/cases/${c.id}`)).json();
  assert.deepEqual(
    page.attachments.map((a: { name: string }) => a.name),
    ['photo.jpg'],
  );
  const audits = await sql<{
    n: number;
  }>`select count(*)::int as n from audit_log where action = 'dv_attachment.create' and resource_id = ${c.id}`.execute(t.platform.db);
  assert.equal(audits.rows[0]!.n, 1);
});

test('notifications: police see the case code and id; the school sees none', async () => {
  const school = await buildSchool(t.platform);
  const schoolUser = await buildUser(t.platform, { role: 'school_contact', regionCode: 'KZ-75', organisationCode: 'MOE' });
  await linkUser(t.platform, schoolUser.id, { schoolId: school.id });
  const c = await newCase(officer, { schoolId: school.id, occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });
  const nId = c.childNotifications[0].id;
  await t.platform.db
    .updateTable('dv_child_notifications')
    .set({ visible_from: new Date(Date.now() - 1000) })
    .where('id', '=', nId)
    .execute();
  const asPolice = (await get(officer, `/child-notifications/${nId}`)).json();
  assert.deepEqual(asPolice.case, { id: c.id, code: c.code });
  const policeList = (await get(other, '/child-notifications?pageSize=100')).json();
  assert.deepEqual(policeList.items.find((x: { id: string }) => x.id === nId).case, { id: c.id, code: c.code });
  assert.equal(
    (await get(otherRegion, '/child-notifications?pageSize=100')).json().items.filter((x: { id: string }) => x.id === nId).length,
    0,
  );
  const school1 = await login(t.app, schoolUser);
  assert.equal((await get(school1, `/child-notifications/${nId}`)).json().case, null);
  assert.equal((await get(school1, '/child-notifications')).json().items[0].case, null);
});

test('retention: closed cases past the period are deleted with their people, audited; recent ones stay', async () => {
  const oldCase = await newCase();
  const recent = await newCase();
  for (const c of [oldCase, recent]) {
    const r = await t.app.inject({
      method: 'PATCH',
      url: `${url}/cases/${c.id}`,
      headers: officer.headers,
      payload: { version: c.version, status: 'closed', closedReason: 'Синтетика: помощь оказана' },
    });
    assert.equal(r.statusCode, 200, r.body);
  }
  const longAgo = new Date();
  longAgo.setUTCFullYear(longAgo.getUTCFullYear() - RULES.retention.closedCaseYears - 1);
  await t.platform.db.updateTable('dv_cases').set({ closed_at: longAgo }).where('id', '=', oldCase.id).execute();
  const personIds = oldCase.people.map((x: { personId: string }) => x.personId);
  const summary = await runRetention(t.platform);
  assert.ok(summary.cases >= 1);
  assert.equal((await get(officer, `/cases/${oldCase.id}`)).statusCode, 404);
  assert.equal((await get(officer, `/cases/${recent.id}`)).statusCode, 200);
  const left = await t.platform.db.selectFrom('dv_persons').select('id').where('id', 'in', personIds).execute();
  assert.equal(left.length, 0);
  const audit = await sql<{
    details: unknown;
  }>`select details from audit_log where action = 'dv_job.retention' order by seq desc limit 1`.execute(t.platform.db);
  const details = (typeof audit.rows[0]!.details === 'string' ? JSON.parse(audit.rows[0]!.details) : audit.rows[0]!.details) as {
    caseIds: string[];
  };
  assert.ok(details.caseIds.includes(oldCase.id));
  assert.ok(!details.caseIds.includes(recent.id));
});
