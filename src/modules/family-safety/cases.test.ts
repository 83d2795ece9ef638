import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildUser, login, type Session } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-platform.ts';
import { intakeBody } from './testing.ts';

let t: TestApp;
let officer: Session; // KZ-75, creates the cases
let colleague: Session; // KZ-75, not on the team
let astana: Session; // KZ-71 police
let member: Session;
const url = '/api/family-safety';

before(async () => {
  t = await createTestApp();
  officer = await login(t.app, await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' }));
  colleague = await login(t.app, await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-75', organisationCode: 'MIA' }));
  astana = await login(t.app, await buildUser(t.platform, { role: 'dv_police_officer', regionCode: 'KZ-71', organisationCode: 'MIA' }));
  member = await login(t.app, await buildUser(t.platform, { role: 'commission_member' }));
});
after(() => t.close());

const post = (s: Session, path: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `${url}${path}`, headers: { ...s.headers, ...headers }, payload: payload as object });
const get = (s: Session, path: string) => t.app.inject({ method: 'GET', url: `${url}${path}`, headers: s.headers });
const audits = (action: string, id: string) =>
  t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('resource_id', '=', id).orderBy('seq').execute();

test('intake: a coded case with people, first-contact task, timeline and audit in one transaction', async () => {
  const res = await post(officer, '/cases', intakeBody());
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.match(c.code, /^DV-75-\d{4}-\d{6}$/);
  assert.equal(c.people.length, 2);
  assert.equal(c.inTeam, true);
  assert.equal(c.contactsMasked, false);
  assert.ok(c.tasks.some((x: { kind: string; status: string }) => x.kind === 'first_contact' && x.status === 'open'));
  const due = Date.parse(c.tasks[0].dueAt) - Date.parse(c.createdAt);
  assert.ok(Math.abs(due - 24 * 3_600_000) < 60_000, 'first contact is due within 24 h');
  assert.equal((await audits('dv_case.create', c.id)).length, 1);
  // every view is audited
  const view = await get(officer, `/cases/${c.id}`);
  assert.equal(view.statusCode, 200);
  await get(officer, `/cases/${c.id}/timeline`);
  const reads = await audits('dv_case.read', c.id);
  assert.equal(reads.length, 2);
  assert.equal(reads[0]!.region_code, 'KZ-75');
  const tl = (await get(officer, `/cases/${c.id}/timeline`)).json();
  assert.equal(tl.items[0].kind, 'intake');
  // first contact completes the task
  const fc = await post(officer, `/cases/${c.id}/first-contact`, { version: view.json().version, at: new Date().toISOString() });
  assert.equal(fc.statusCode, 200, fc.body);
  assert.ok(fc.json().tasks.every((x: { kind: string; status: string }) => x.kind !== 'first_contact' || x.status === 'done'));
});

test('idempotent intake: the same key returns the same case; a different body with the key is refused', async () => {
  const body = intakeBody();
  const headers = { 'idempotency-key': 'intake-key-0001' };
  const a = await post(officer, '/cases', body, headers);
  const b = await post(officer, '/cases', body, headers);
  assert.equal(a.statusCode, 201);
  assert.equal(b.statusCode, 201);
  assert.equal(b.headers['idempotent-replayed'], 'true');
  assert.equal(a.json().id, b.json().id);
  const n = await t.platform.db
    .selectFrom('dv_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', '=', a.json().code)
    .executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 1);
  const c = await post(officer, '/cases', { ...body, narrative: 'Другое' }, headers);
  assert.equal(c.statusCode, 409);
  const bad = await post(officer, '/cases', body, { 'idempotency-key': 'x' });
  assert.equal(bad.statusCode, 400);
});

test('impossible input is refused with field errors and nothing is written', async () => {
  const before = await t.platform.db
    .selectFrom('dv_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const cases: [object, string, string][] = [
    [{ occurredAt: future }, 'body.occurredAt', 'date_in_future'],
    [{ regionCode: 'KZ-99' }, 'body.regionCode', 'unknown_region'],
    [{ legalCode: 'cc-999' }, 'body.legalCode', 'unknown_legal_reference'],
    [{ people: [{ role: 'offender', lastName: 'А', firstName: 'Б' }] }, 'body.people', 'victim_required'],
    [{ people: [{ role: 'victim', lastName: 'А', firstName: 'Б', birthDate: '2030-01-01' }] }, 'body.people.0.birthDate', 'date_in_future'],
    [
      {
        people: [
          { role: 'victim', lastName: 'А', firstName: 'Б' },
          { role: 'child', lastName: 'В', firstName: 'Г', age: 9, wasPresent: true, schoolId: '00000000-0000-4000-8000-000000000000' },
        ],
      },
      'body.people.1.schoolId',
      'unknown_school',
    ],
    [
      { occurredAt: '2026-01-10T10:00:00+05:00', people: [{ role: 'victim', lastName: 'А', firstName: 'Б', birthDate: '2026-01-20' }] },
      'body.people.0.birthDate',
      'born_after_incident',
    ],
  ];
  for (const [patch, path, code] of cases) {
    const res = await post(officer, '/cases', { ...intakeBody(), ...patch });
    assert.equal(res.statusCode, 400, `${JSON.stringify(patch)} → ${res.body}`);
    assert.ok(
      res.json().errors.some((e: { path: string; code: string }) => e.path === path && e.code === code),
      `${JSON.stringify(patch)} → ${res.body}`,
    );
  }
  const out = await post(astana, '/cases', intakeBody());
  assert.equal(out.json().errors[0].code, 'out_of_scope');
  const afterN = await t.platform.db
    .selectFrom('dv_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(afterN.n), Number(before.n));
});

test('search before intake finds persons by normalised name and birth date, and cases by address', async () => {
  const c = (await post(officer, '/cases', intakeBody({ address: 'г. Алматы, улица Жарокова, дом 12, квартира 7' }))).json();
  const victim = c.people.find((p: { role: string }) => p.role === 'victim');
  const q = new URLSearchParams({ lastName: 'ТЕСТОВА', firstName: victim.firstName.toLowerCase(), birthDate: '1990-04-12' });
  const r = (await get(officer, `/search?${q}`)).json();
  assert.equal(r.persons.length, 1);
  assert.equal(r.persons[0].cases[0].code, c.code);
  const byAddress = (await get(officer, `/search?${new URLSearchParams({ address: 'г Алматы ул. Жарокова д. 12 кв. 7' })}`)).json();
  assert.deepEqual(
    byAddress.casesAtAddress.map((x: { code: string }) => x.code),
    [c.code],
  );
  // another region finds nothing
  assert.equal((await get(astana, `/search?${q}`)).json().persons.length, 0);
  // the same person on a new intake is linked, not duplicated
  const again = (
    await post(officer, '/cases', intakeBody({ people: [{ role: 'victim', personId: victim.personId, wasPresent: true }] }))
  ).json();
  assert.equal(again.people[0].personId, victim.personId);
});

test('a new incident with the same people or address within 12 months flags a repeat; an older one does not', async () => {
  const address = 'г. Алматы, ул. Повторная, д. 3';
  const first = (await post(officer, '/cases', intakeBody({ address }))).json();
  assert.equal(first.isRepeat, false);
  const second = (await post(officer, '/cases', intakeBody({ address: 'г Алматы ул Повторная д 3' }))).json();
  assert.equal(second.isRepeat, true);
  assert.equal(second.repeatOfCode, first.code);
  const victim = first.people.find((p: { role: string }) => p.role === 'victim');
  const byPerson = (
    await post(officer, '/cases', intakeBody({ people: [{ role: 'victim', personId: victim.personId, wasPresent: true }] }))
  ).json();
  assert.equal(byPerson.isRepeat, true);
  // an old case (incident 14 months ago) does not make a repeat
  const old = (
    await post(
      officer,
      '/cases',
      intakeBody({ address: 'г. Алматы, ул. Старая, д. 1', occurredAt: new Date(Date.now() - 430 * 86_400_000).toISOString() }),
    )
  ).json();
  const fresh = (await post(officer, '/cases', intakeBody({ address: 'г. Алматы, ул. Старая, д. 1' }))).json();
  assert.equal(fresh.isRepeat, false, `old ${old.code}`);
  // a second incident in the same case within 12 months: repeat, and a re-assessment task
  const inc = await post(officer, `/cases/${fresh.id}/incidents`, {
    occurredAt: new Date().toISOString(),
    source: 'neighbour',
    address: 'г. Алматы, ул. Старая, д. 1',
    narrative: 'Снова конфликт',
    legalCode: 'cc-108-1',
  });
  assert.equal(inc.statusCode, 201, inc.body);
  assert.equal(inc.json().isRepeat, true);
  assert.equal(inc.json().incidentCount, 2);
  assert.ok(inc.json().tasks.some((x: { kind: string }) => x.kind === 'reassessment'));
});

test('concurrent edits: a stale version gets 409 and nothing is lost', async () => {
  const c = (await post(officer, '/cases', intakeBody())).json();
  const a = await t.app.inject({
    method: 'PATCH',
    url: `${url}/cases/${c.id}`,
    headers: officer.headers,
    payload: { version: c.version, legalCode: 'cc-109-1' },
  });
  assert.equal(a.statusCode, 200, a.body);
  const b = await t.app.inject({
    method: 'PATCH',
    url: `${url}/cases/${c.id}`,
    headers: colleague.headers,
    payload: { version: c.version, status: 'closed', closedReason: 'Примирение' },
  });
  assert.equal(b.statusCode, 409);
  assert.match(b.json().detail, /changed by someone else/);
  const now = (await get(officer, `/cases/${c.id}`)).json();
  assert.equal(now.legalCode, 'cc-109-1');
  assert.equal(now.status, 'open');
  const noReason = await t.app.inject({
    method: 'PATCH',
    url: `${url}/cases/${c.id}`,
    headers: officer.headers,
    payload: { version: now.version, status: 'closed' },
  });
  assert.equal(noReason.json().errors[0].code, 'closed_reason_required');
});

test('privacy: other regions see nothing; outside the team lists show codes and contacts are masked', async () => {
  const c = (await post(officer, '/cases', intakeBody())).json();
  assert.equal((await get(astana, `/cases/${c.id}`)).statusCode, 404);
  assert.equal((await get(astana, `/cases/${c.id}/timeline`)).statusCode, 404);
  assert.ok((await get(astana, '/cases?pageSize=100')).json().items.every((i: { regionCode: string }) => i.regionCode === 'KZ-71'));
  const mine = (await get(officer, `/cases?q=${c.code}`)).json().items[0];
  assert.equal(mine.inTeam, true);
  assert.match(mine.victimName, /^Тестова /);
  const theirs = (await get(colleague, `/cases?q=${c.code}`)).json().items[0];
  assert.equal(theirs.code, c.code);
  assert.equal(theirs.inTeam, false);
  assert.equal(theirs.victimName, null);
  const page = (await get(colleague, `/cases/${c.id}`)).json();
  assert.equal(page.contactsMasked, true);
  assert.equal(page.address, null);
  assert.ok(page.people.every((p: { phone: string | null; address: string | null }) => p.phone === null && p.address === null));
  // the Commission sees figures, not cases
  assert.equal((await get(member, `/cases/${c.id}`)).statusCode, 403);
  assert.equal((await get(member, '/cases')).statusCode, 403);
  assert.equal((await get(member, '/indicators')).statusCode, 200);
});

test('break the glass: a stated reason gives time-limited, audited access that expires', async () => {
  const c = (await post(officer, '/cases', intakeBody())).json();
  const short = await post(astana, `/cases/${c.id}/access`, { reason: 'нужно' });
  assert.equal(short.statusCode, 400);
  const g = await post(astana, `/cases/${c.id}/access`, { reason: 'Пострадавшая переехала в Астану, повторный вызов 111' });
  assert.equal(g.statusCode, 201, g.body);
  const hours = (Date.parse(g.json().expiresAt) - Date.now()) / 3_600_000;
  assert.ok(hours > 3.9 && hours <= 4);
  const view = await get(astana, `/cases/${c.id}`);
  assert.equal(view.statusCode, 200);
  assert.equal(view.json().access.via, 'grant');
  assert.equal(view.json().contactsMasked, true);
  assert.equal(view.json().abilities.canEdit, false);
  const read = (await audits('dv_case.read', c.id)).at(-1)!;
  assert.equal(read.purpose, 'Пострадавшая переехала в Астану, повторный вызов 111');
  assert.equal((await audits('dv_case.break_glass', c.id)).length, 1);
  // a grant only reads: writing is still refused
  const write = await post(astana, `/cases/${c.id}/incidents`, {
    occurredAt: new Date().toISOString(),
    source: 'self',
    address: 'г. Астана, ул. А, д. 1',
    narrative: 'x',
  });
  assert.equal(write.statusCode, 404);
  await sql`update dv_access_grants set expires_at = now() - interval '1 minute' where case_id = ${c.id}`.execute(t.platform.db);
  assert.equal((await get(astana, `/cases/${c.id}`)).statusCode, 404);
});
