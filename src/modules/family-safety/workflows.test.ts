import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { RISK_INSTRUMENTS } from './rules.ts';
import { runDailyFamilySafety } from './tasks.service.ts';
import { intakeBody } from './testing.ts';

let t: TestApp;
let officer: Session;
let lead: Session;
const url = '/api/family-safety';
const items = RISK_INSTRUMENTS[0]!.items;
const none = () => Object.fromEntries(items.map((i) => [i.code, false]));
const high = () => ({ ...none(), strangulation: true, threat_to_kill: true, weapon_threat: true, injury_now: true, escalation: true });

before(async () => {
  t = await createTestApp();
  officer = await login(t.app, await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' }));
  lead = await login(t.app, await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' }));
});
after(() => t.close());

const post = (s: Session, path: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url: `${url}${path}`, headers: s.headers, payload: payload as object });
const get = (s: Session, path: string) => t.app.inject({ method: 'GET', url: `${url}${path}`, headers: s.headers });
const newCase = async () => (await post(officer, '/cases', intakeBody())).json();

test('the instrument is data: versioned items with region thresholds', async () => {
  const i = (await get(officer, '/risk-instrument')).json();
  assert.equal(i.version, 1);
  assert.equal(i.items.length, items.length);
  assert.deepEqual(i.thresholds, { mediumFrom: 9, highFrom: 18 });
  assert.deepEqual((await get(officer, '/risk-instrument?region=KZ-10')).json().thresholds, { mediumFrom: 10, highFrom: 20 });
});

test('assessment stores version, answers, score and band; incomplete answers are refused', async () => {
  const c = await newCase();
  const partial = await post(officer, `/cases/${c.id}/assessments`, { answers: { strangulation: true } });
  assert.equal(partial.json().errors[0].code, 'answers_incomplete');
  const unknown = await post(officer, `/cases/${c.id}/assessments`, { answers: { ...none(), made_up: true } });
  assert.equal(unknown.json().errors[0].code, 'unknown_item');
  const a = await post(officer, `/cases/${c.id}/assessments`, { answers: { ...none(), strangulation: true } });
  assert.equal(a.statusCode, 201, a.body);
  assert.deepEqual([a.json().score, a.json().band, a.json().instrumentVersion], [5, 'standard', 1]);
  const page = (await get(officer, `/cases/${c.id}`)).json();
  assert.equal(page.riskBand, 'standard');
  assert.equal(page.assessments[0].answers.strangulation, true);
});

test('an override may raise the band at once, with its reason', async () => {
  const c = await newCase();
  const a = (
    await post(officer, `/cases/${c.id}/assessments`, {
      answers: none(),
      override: { band: 'high', reason: 'Угрожал ножом при детях, со слов соседей' },
    })
  ).json();
  assert.deepEqual([a.computedBand, a.band, a.overrideStatus, a.caseRiskBand], ['standard', 'high', 'applied', 'high']);
  const short = await post(officer, `/cases/${c.id}/assessments`, { answers: none(), override: { band: 'high', reason: 'так' } });
  assert.equal(short.statusCode, 400);
});

test('lowering the band needs a second person: pending until a different user confirms', async () => {
  const c = await newCase();
  const a = (
    await post(officer, `/cases/${c.id}/assessments`, {
      answers: high(),
      override: { band: 'medium', reason: 'Заявитель переехал к родственникам в другой город' },
    })
  ).json();
  assert.deepEqual([a.computedBand, a.band, a.overrideStatus, a.caseRiskBand], ['high', 'high', 'pending', 'high']);
  const self = await post(officer, `/assessments/${a.id}/override-decision`, { decision: 'confirm' });
  assert.equal(self.statusCode, 403);
  assert.equal((await get(officer, `/cases/${c.id}`)).json().riskBand, 'high');
  const ok = await post(lead, `/assessments/${a.id}/override-decision`, { decision: 'confirm', note: 'Проверено' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual([ok.json().band, ok.json().overrideStatus, ok.json().caseRiskBand], ['medium', 'confirmed', 'medium']);
  const again = await post(lead, `/assessments/${a.id}/override-decision`, { decision: 'reject' });
  assert.equal(again.statusCode, 409);
  const audit = await t.platform.db
    .selectFrom('audit_log')
    .select('action')
    .where('resource_id', '=', c.id)
    .where('action', 'like', 'dv_assessment.%')
    .execute();
  assert.deepEqual(
    audit.map((x) => x.action),
    ['dv_assessment.create', 'dv_assessment.override_confirm'],
  );
  // a rejected lowering leaves the band where it was
  const b = (
    await post(officer, `/cases/${c.id}/assessments`, {
      answers: high(),
      override: { band: 'standard', reason: 'Не вижу риска после беседы с семьёй' },
    })
  ).json();
  const r = (await post(lead, `/assessments/${b.id}/override-decision`, { decision: 'reject' })).json();
  assert.deepEqual([r.band, r.overrideStatus, r.caseRiskBand], ['high', 'rejected', 'high']);
});

test('a high band escalates to a multi-agency risk meeting: agenda, participants, actions, follow-up', async () => {
  const c = await newCase();
  const a = (await post(officer, `/cases/${c.id}/assessments`, { answers: high() })).json();
  assert.equal(a.caseEscalation, 'meeting_required');
  const tasks = (await get(officer, `/cases/${c.id}`)).json().tasks as { kind: string; status: string }[];
  assert.ok(tasks.some((x) => x.kind === 'risk_meeting' && x.status === 'open'));
  const m = await post(officer, '/meetings', {
    regionCode: 'KZ-75',
    scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    agenda: 'Случаи высокого риска',
    caseIds: [c.id],
    participants: [
      { agency: 'police', name: 'Инспектор (синт.)' },
      { agency: 'fsc', name: 'Психолог ЦПС (синт.)' },
      { agency: 'education', name: 'Соцпедагог (синт.)' },
    ],
  });
  assert.equal(m.statusCode, 201, m.body);
  assert.equal((await get(officer, `/cases/${c.id}`)).json().escalation, 'meeting_scheduled');
  const withAction = await post(officer, `/meetings/${m.json().id}/actions`, {
    caseId: c.id,
    description: 'Разместить в кризисном центре',
    ownerAgency: 'fsc',
    ownerName: 'Психолог ЦПС',
    dueOn: '2026-01-01',
  });
  assert.equal(withAction.statusCode, 201, withAction.body);
  const action = withAction.json().actions[0];
  assert.equal(action.isOverdue, true);
  const fu = await post(officer, `/meeting-actions/${action.id}/follow-up`, { status: 'done', followUp: 'Размещена' });
  assert.equal(fu.json().actions[0].status, 'done');
  const astana = await login(
    t.app,
    await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-71', organisationCode: 'MIA' }),
  );
  assert.equal((await get(astana, `/meetings/${m.json().id}`)).statusCode, 404);
});

test('protective orders last 30 days, to a person of 16 or over; special requirements within 3-12 months', async () => {
  const c = (
    await post(
      officer,
      '/cases',
      intakeBody({
        people: [
          ...intakeBody().people,
          { role: 'offender', lastName: 'Юный', firstName: 'Тест', birthDate: '2012-01-01', wasPresent: true },
        ],
      }),
    )
  ).json();
  const adult = c.people.find((p: { role: string; birthDate: string }) => p.role === 'offender' && p.birthDate === '1985-01-20');
  const minor = c.people.find((p: { role: string; birthDate: string }) => p.role === 'offender' && p.birthDate === '2012-01-01');
  const victim = c.people.find((p: { role: string }) => p.role === 'victim');
  const today = new Date().toISOString().slice(0, 10);
  const po = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'protective_order',
    subjectPersonId: adult.personId,
    startsOn: today,
    conditions: ['no_contact'],
  });
  assert.equal(po.statusCode, 201, po.body);
  assert.equal((Date.parse(po.json().endsOn) - Date.parse(po.json().startsOn)) / 86_400_000, 29);
  const young = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'protective_order',
    subjectPersonId: minor.personId,
    startsOn: today,
  });
  assert.equal(young.json().errors[0].code, 'subject_too_young');
  const toVictim = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'protective_order',
    subjectPersonId: victim.personId,
    startsOn: today,
  });
  assert.equal(toVictim.json().errors[0].code, 'not_offender');
  const backwards = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'special_requirements',
    subjectPersonId: adult.personId,
    startsOn: '2026-06-01',
    endsOn: '2026-05-01',
    checkinsPerMonth: 2,
  });
  assert.equal(backwards.json().errors[0].code, 'ends_before_start');
  const tooLong = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'special_requirements',
    subjectPersonId: adult.personId,
    startsOn: '2026-06-01',
    endsOn: '2027-12-01',
    checkinsPerMonth: 2,
  });
  assert.equal(tooLong.json().errors[0].code, 'duration_out_of_range');
  const checkins = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'special_requirements',
    subjectPersonId: adult.personId,
    startsOn: '2026-06-01',
    endsOn: '2026-12-01',
    checkinsPerMonth: 0,
  });
  assert.equal(checkins.json().errors[0].code, 'checkins_out_of_range');
  const sr = await post(officer, `/cases/${c.id}/measures`, {
    kind: 'special_requirements',
    subjectPersonId: adult.personId,
    startsOn: '2026-06-01',
    endsOn: '2026-12-01',
    checkinsPerMonth: 2,
    conditions: ['no_alcohol', 'no_cohabitation'],
  });
  assert.equal(sr.statusCode, 201, sr.body);
  assert.deepEqual(sr.json().conditions.sort(), ['no_alcohol', 'no_cohabitation']);
  // check-ins and breaches (art. 461): a breach asks for re-assessment
  assert.equal(
    (await post(officer, `/measures/${po.json().id}/events`, { kind: 'checkin', occurredAt: new Date().toISOString() })).statusCode,
    201,
  );
  const breach = await post(officer, `/measures/${po.json().id}/events`, {
    kind: 'breach',
    occurredAt: new Date().toISOString(),
    note: 'Пришёл к дому',
  });
  assert.equal(breach.json().breachCount, 1);
  const page = (await get(officer, `/cases/${c.id}`)).json();
  assert.ok(page.tasks.some((x: { kind: string }) => x.kind === 'reassessment'));
  const ev = await t.platform.db
    .selectFrom('dv_measure_events')
    .select('legal_code')
    .where('kind', '=', 'breach')
    .executeTakeFirstOrThrow();
  assert.equal(ev.legal_code, 'ac-461');
});

test('the daily job: expiry reminders once, ended measures expire, overdue tasks listed', async () => {
  const c = await newCase();
  const adult = c.people.find((p: { role: string }) => p.role === 'offender');
  const today = new Date().toISOString().slice(0, 10);
  const po = (
    await post(officer, `/cases/${c.id}/measures`, { kind: 'protective_order', subjectPersonId: adult.personId, startsOn: today })
  ).json();
  const later = new Date(Date.parse(po.endsOn) - 2 * 86_400_000);
  const r1 = await runDailyFamilySafety(t.platform, later);
  await runDailyFamilySafety(t.platform, later);
  assert.ok(r1.remindersChecked >= 1);
  const reminders = await t.platform.db
    .selectFrom('dv_tasks')
    .select('id')
    .where('case_id', '=', c.id)
    .where('kind', '=', 'measure_expiry')
    .execute();
  assert.equal(reminders.length, 1);
  const r2 = await runDailyFamilySafety(t.platform, new Date(Date.parse(po.endsOn) + 2 * 86_400_000));
  assert.ok(r2.expired >= 1);
  const m = await t.platform.db.selectFrom('dv_measures').select('status').where('id', '=', po.id).executeTakeFirstOrThrow();
  assert.equal(m.status, 'expired');
  await sql`update dv_tasks set due_at = now() - interval '1 hour' where case_id = ${c.id} and kind = 'first_contact'`.execute(
    t.platform.db,
  );
  const overdue = (await get(officer, '/tasks?overdue=true&pageSize=100')).json();
  assert.ok(overdue.items.some((x: { caseId: string; isOverdue: boolean }) => x.caseId === c.id && x.isOverdue));
  const dash = (await get(officer, '/dashboard')).json();
  assert.ok(dash.overdueTasks >= 1);
  assert.equal(
    t.platform.jobs.definitions.some((d) => d.name === 'family-safety.daily' && d.cron),
    true,
  );
});
