import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { buildProvider, buildSchool, intakeBody, linkUser } from './testing.ts';

let t: TestApp;
let officer: Session;
let fsc: Session; // works at the receiving centre
let otherFsc: Session; // works at another centre of the region
let school: Session; // the child's school
let otherSchool: Session; // another school of the region
let auditor: Session;
let centreId: string;
let schoolId: string;
const url = '/api/family-safety';

before(async () => {
  t = await createTestApp();
  const p = t.platform;
  officer = await login(t.app, await buildUser(p, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' }));
  const centre = await buildProvider(p);
  centreId = centre.id;
  const other = await buildProvider(p);
  const u1 = await buildUser(p, { role: 'fsc_worker', regionCode: 'KZ-75' });
  const u2 = await buildUser(p, { role: 'fsc_worker', regionCode: 'KZ-75' });
  await linkUser(p, u1.id, { providerId: centre.id });
  await linkUser(p, u2.id, { providerId: other.id });
  fsc = await login(t.app, u1);
  otherFsc = await login(t.app, u2);
  const s1 = await buildSchool(p);
  const s2 = await buildSchool(p);
  schoolId = s1.id;
  const c1 = await buildUser(p, { role: 'school_contact', regionCode: 'KZ-75' });
  const c2 = await buildUser(p, { role: 'school_contact', regionCode: 'KZ-75' });
  await linkUser(p, c1.id, { schoolId: s1.id });
  await linkUser(p, c2.id, { schoolId: s2.id });
  school = await login(t.app, c1);
  otherSchool = await login(t.app, c2);
  auditor = await login(t.app, await buildUser(p, { role: 'auditor' }));
});
after(() => t.close());

const post = (s: Session, path: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `${url}${path}`, headers: s.headers, payload: payload as object });
const get = (s: Session, path: string) => t.app.inject({ method: 'GET', url: `${url}${path}`, headers: s.headers });

async function referralBody(grants: string[] = ['contact']) {
  const c = (await post(officer, '/cases', intakeBody())).json();
  const victim = c.people.find((p: { role: string }) => p.role === 'victim');
  return {
    c,
    body: { caseId: c.id, personId: victim.personId, providerId: centreId, reason: 'Психологическая и правовая помощь', grants },
  };
}

test('a referral needs recorded consent, or an override with a justified reason (audited)', async () => {
  const { body } = await referralBody();
  const none = await post(officer, '/referrals', body);
  assert.equal(none.json().errors[0].code, 'consent_required');
  const bare = await post(officer, '/referrals', { ...body, consentOverride: { reason: '' } });
  assert.equal(bare.json().errors[0].code, 'override_reason_required');
  const ok = await post(officer, '/referrals', {
    ...body,
    consentOverride: { reason: 'Угроза жизни детям, мать в больнице без сознания' },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().consent, 'override');
  const entry = await t.platform.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'dv_referral.consent_override')
    .where('resource_id', '=', ok.json().id)
    .executeTakeFirstOrThrow();
  assert.equal(entry.purpose, 'Угроза жизни детям, мать в больнице без сознания');
  const planned = await buildProvider(t.platform, { status: 'planned' });
  const closed = await post(officer, '/referrals', { ...body, providerId: planned.id, consent: { method: 'written' } });
  assert.equal(closed.json().errors[0].code, 'provider_not_open');
});

test('lifecycle draft → sent → accepted → first contact → plan → sessions → closed; the centre sees only what is granted', async () => {
  const { c, body } = await referralBody(['contact']);
  const r = (await post(officer, '/referrals', { ...body, consent: { method: 'written', note: 'подпись' } })).json();
  assert.equal(r.status, 'draft');
  // drafts are not visible to the centre
  assert.equal((await get(fsc, `/referrals/${r.id}`)).statusCode, 404);
  const sent = await post(officer, `/referrals/${r.id}/send`, { version: r.version });
  assert.equal(sent.json().status, 'sent');
  assert.ok(sent.json().dueAt);
  const seen = (await get(fsc, `/referrals/${r.id}`)).json();
  assert.equal(seen.view, 'granted');
  assert.equal(seen.caseId, null);
  assert.equal(seen.person.name.startsWith('Тестова'), true);
  assert.equal(seen.person.phone, '+77990000002');
  assert.equal(seen.narrative, null);
  assert.equal(seen.riskBand, null);
  assert.equal(seen.children, null);
  assert.equal(seen.consentNote, null);
  // another centre and another region see nothing
  assert.equal((await get(otherFsc, `/referrals/${r.id}`)).statusCode, 404);
  assert.equal((await get(otherFsc, '/referrals')).json().total, 0);
  assert.equal((await post(otherFsc, `/referrals/${r.id}/progress`, { step: 'accept', version: seen.version })).statusCode, 404);
  const list = (await get(fsc, '/referrals')).json();
  assert.deepEqual(
    list.items.map((x: { id: string }) => x.id),
    [r.id],
  );
  // the steps, in order; a skipped step is refused
  let v = seen.version;
  const step = async (payload: object, expect = 200) => {
    const res = await post(fsc, `/referrals/${r.id}/progress`, { ...payload, version: v });
    assert.equal(res.statusCode, expect, res.body);
    if (res.statusCode === 200) v = res.json().version;
    return res.json();
  };
  await step({ step: 'support_plan', plan: 'Преждевременно' }, 409);
  assert.equal((await step({ step: 'accept' })).status, 'accepted');
  const stale = await post(fsc, `/referrals/${r.id}/progress`, { step: 'first_contact', version: v - 1 });
  assert.equal(stale.statusCode, 409);
  assert.equal((await step({ step: 'first_contact', note: 'Созвонились' })).status, 'first_contact');
  assert.equal((await step({ step: 'support_plan', plan: 'Еженедельные встречи с психологом' })).status, 'support_plan');
  assert.equal((await step({ step: 'session', note: '1' })).sessionCount, 1);
  assert.equal((await step({ step: 'session', note: '2' })).sessionCount, 2);
  const closed = await step({ step: 'close', report: 'Цели плана достигнуты', outcome: 'goals_met' });
  assert.deepEqual([closed.status, closed.outcome, closed.dueAt], ['closed', 'goals_met', null]);
  // the sending side sees everything, and the steps are on the case timeline
  const full = (await get(officer, `/referrals/${r.id}`)).json();
  assert.equal(full.view, 'full');
  assert.ok(full.narrative.length >= 1);
  const tl = (await get(officer, `/cases/${c.id}/timeline?pageSize=100`)).json();
  assert.ok(tl.items.some((e: { kind: string }) => e.kind === 'referral_closed'));
  const reads = await t.platform.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'dv_referral.read')
    .where('resource_id', '=', r.id)
    .execute();
  assert.ok(reads.length >= 2);
});

test('a rejection needs a reason; overdue steps surface in the list and the dashboard', async () => {
  const { body } = await referralBody([]);
  const r = (await post(officer, '/referrals', { ...body, consent: { method: 'verbal' } })).json();
  const sent = (await post(officer, `/referrals/${r.id}/send`, { version: r.version })).json();
  const noReason = await post(fsc, `/referrals/${r.id}/progress`, { step: 'reject', version: sent.version });
  assert.equal(noReason.statusCode, 400);
  assert.equal((await get(fsc, `/referrals/${r.id}`)).json().person.phone, null);
  await sql`update dv_referrals set due_at = now() - interval '1 day' where id = ${r.id}`.execute(t.platform.db);
  const overdue = (await get(officer, '/referrals?overdue=true')).json();
  assert.ok(overdue.items.some((x: { id: string; isOverdue: boolean }) => x.id === r.id && x.isOverdue));
  assert.ok((await get(officer, '/dashboard')).json().overdueReferrals >= 1);
  const rejected = await post(fsc, `/referrals/${r.id}/progress`, { step: 'reject', version: sent.version, reason: 'Нет свободных мест' });
  assert.equal(rejected.json().status, 'rejected');
  assert.ok(!(await get(officer, '/referrals?overdue=true')).json().items.some((x: { id: string }) => x.id === r.id));
});

test("a child who witnessed violence: the child's school is told by the next school day, minimally, and only that school", async () => {
  const c = (await post(officer, '/cases', intakeBody({ schoolId }))).json();
  assert.equal(c.childNotifications.length, 1);
  const n = c.childNotifications[0];
  // visible from 08:00 local (03:00 UTC) of a school day
  assert.equal(new Date(n.visibleFrom).getUTCHours(), 3);
  const hidden = await get(school, `/child-notifications/${n.id}`);
  const isVisible = Date.parse(n.visibleFrom) <= Date.now();
  assert.equal(hidden.statusCode, isVisible ? 200 : 404);
  await sql`update dv_child_notifications set visible_from = now() - interval '1 minute' where id = ${n.id}`.execute(t.platform.db);
  const view = await get(school, `/child-notifications/${n.id}`);
  assert.equal(view.statusCode, 200, view.body);
  const body = view.json();
  assert.equal(body.child.firstName, 'Алихан');
  assert.equal(body.contactParents, false);
  assert.match(body.message.en, /Do not contact the parents/);
  assert.equal(JSON.stringify(body).includes('крики'), false, 'no incident details');
  assert.equal(JSON.stringify(body).includes(c.code), false, 'no case code');
  const list = (await get(school, '/child-notifications')).json();
  assert.deepEqual(
    list.items.map((x: { id: string }) => x.id),
    [n.id],
  );
  // another school sees nothing
  assert.equal((await get(otherSchool, `/child-notifications/${n.id}`)).statusCode, 404);
  assert.equal((await get(otherSchool, '/child-notifications')).json().total, 0);
  assert.equal((await post(otherSchool, `/child-notifications/${n.id}/entries`, { kind: 'observation', text: 'Попытка' })).statusCode, 404);
  // the school records support and asks for more help: a task for the case team
  assert.equal(
    (await post(school, `/child-notifications/${n.id}/entries`, { kind: 'observation', text: 'Замкнут на уроках' })).statusCode,
    201,
  );
  assert.equal(
    (await post(school, `/child-notifications/${n.id}/entries`, { kind: 'help_request', text: 'Нужен психолог ЦПС' })).statusCode,
    400,
  );
  const help = await post(school, `/child-notifications/${n.id}/entries`, {
    kind: 'help_request',
    text: 'Нужен психолог ЦПС',
    helpTarget: 'fsc',
  });
  assert.equal(help.statusCode, 201, help.body);
  assert.equal(help.json().entries.length, 2);
  const page = (await get(officer, `/cases/${c.id}`)).json();
  assert.ok(page.tasks.some((x: { kind: string }) => x.kind === 'school_help_request'));
  // police see the child through the case, audited as child.read
  assert.equal((await get(officer, `/child-notifications/${n.id}`)).json().abilities.canRecord, false);
  // police list their region's notifications, each with its case (schools never see the case)
  const policeList = (await get(officer, '/child-notifications?pageSize=100')).json();
  assert.deepEqual(policeList.items.find((x: { id: string }) => x.id === n.id).case, { id: c.id, code: c.code });
  const reads = await t.platform.db
    .selectFrom('audit_log')
    .select(['actor_username', 'action'])
    .where('action', '=', 'child.read')
    .where('resource_id', '=', n.id)
    .execute();
  assert.equal(reads.length, 2);
  // the school cannot open the case
  assert.equal((await get(school, `/cases/${c.id}`)).statusCode, 403);
});

test('indicators: counts by region with the same period a year before; no personal data', async () => {
  const res = await get(officer, '/indicators');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.regionCode, 'KZ-75');
  assert.ok(body.totals.cases >= 4);
  assert.ok(body.totals.referralsSent >= 2);
  assert.ok(body.totals.referralsCompleted >= 1);
  assert.ok(body.totals.childrenNotified >= 1);
  assert.ok(body.byRegion.every((r: { regionCode: string }) => r.regionCode === 'KZ-75'));
  assert.equal((await get(officer, '/indicators?region=KZ-71')).json().errors[0].code, 'out_of_scope');
  assert.equal((await get(officer, '/indicators?from=2026-05-01&to=2026-01-01')).json().errors[0].code, 'from_after_to');
  const national = (await get(auditor, '/indicators?from=2025-01-01&to=2030-12-31')).json();
  assert.equal(national.regionCode, null);
  assert.equal(national.previousFrom, '2024-01-01');
  assert.equal(JSON.stringify(national).includes('Тестова'), false);
  // the auditor reads with audit and sees codes, not names
  const cases = (await get(auditor, '/cases')).json();
  assert.ok(cases.items.length > 0 && cases.items.every((x: { victimName: string | null }) => x.victimName === null));
});
