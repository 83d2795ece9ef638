import type { Insertable } from 'kysely';
import type { Tx } from '../../kernel/db/database.ts';
import { createRng, syntheticAddress, syntheticPerson, syntheticPhone, type Rng } from '../../kernel/synthetic/index.ts';
import { REGIONS } from '../reference/index.ts';
import { insertChunks, seededUuid, type DemoRegistry } from './demo-registry.ts';
import type {
  DvAssessmentsTable,
  DvCasePeopleTable,
  DvCasesTable,
  DvChildNotificationsTable,
  DvChildSupportTable,
  DvIncidentsTable,
  DvMeasuresTable,
  DvPersonsTable,
  DvReferralsTable,
  DvTasksTable,
  DvTimelineTable,
} from './family-safety.tables.ts';
import { normaliseAddress, normaliseName } from './normalise.ts';
import { RISK_INSTRUMENTS, RULES } from './rules.ts';
import { nextSchoolDayStart } from './school-calendar.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// the demo year: deterministic, never the clock
const START = Date.parse('2025-11-01T00:00:00+05:00');
const END = Date.parse('2026-10-31T00:00:00+05:00');
const WEIGHT: Record<string, number> = { 'KZ-75': 12, 'KZ-71': 9, 'KZ-79': 7, 'KZ-61': 9, 'KZ-35': 7, 'KZ-19': 7, 'KZ-63': 5 };
const SOURCES = [
  ['police_call', 45],
  ['hotline_111', 20],
  ['self', 10],
  ['neighbour', 10],
  ['school', 5],
  ['hospital', 6],
  ['ngo', 4],
] as const;
const LEGAL = [
  ['ac-73', 50],
  ['cc-108-1', 25],
  ['cc-109-1', 15],
  [null, 10],
] as const;
const NARRATIVES = [
  'Синтетическая запись: соседи сообщили о шуме и криках в квартире; на месте выявлены следы побоев.',
  'Синтетическая запись: звонок на 111, угрозы и оскорбления со стороны супруга в состоянии опьянения.',
  'Синтетическая запись: пострадавшая обратилась сама после повторного конфликта, просит защиты.',
  'Синтетическая запись: в больницу доставлена женщина с лёгкими телесными повреждениями.',
];
const day = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 10);

type Household = { victim: string; offender: string; address: string; region: string; caseId: string; at: number };

/**
 * A year of synthetic cases with everything around them, inserted in batches (a few thousand cases
 * in a few seconds on PGlite). About one case in seven repeats an earlier household.
 */
export async function seedDemoCases(tx: Tx, seed: string, reg: DemoRegistry, police: string[], count = 2400) {
  const rng = createRng(`${seed}/family-safety/cases`);
  const instrument = RISK_INSTRUMENTS[RISK_INSTRUMENTS.length - 1]!;
  const persons: Insertable<DvPersonsTable>[] = [];
  const cases: Insertable<DvCasesTable>[] = [];
  const people: Insertable<DvCasePeopleTable>[] = [];
  const incidents: Insertable<DvIncidentsTable>[] = [];
  const assessments: Insertable<DvAssessmentsTable>[] = [];
  const measures: Insertable<DvMeasuresTable>[] = [];
  const referrals: Insertable<DvReferralsTable>[] = [];
  const notifications: Insertable<DvChildNotificationsTable>[] = [];
  const support: Insertable<DvChildSupportTable>[] = [];
  const tasks: Insertable<DvTasksTable>[] = [];
  const timeline: Insertable<DvTimelineTable>[] = [];
  const team: { case_id: string; user_id: string; role: string }[] = [];
  const households: Household[] = [];
  const counters = new Map<string, number>();
  const regions = REGIONS.map((r) => [r.code, WEIGHT[r.code] ?? 4] as const);
  const times = Array.from({ length: count }, () => rng.int(START, END)).sort((a, b) => a - b);

  const person = (r: Rng, region: string, o: { gender?: 'male' | 'female'; minAge: number; maxAge: number }, withContact: boolean) => {
    const s = syntheticPerson(r, { regionCode: region, asOf: '2026-01-01', ...o });
    const id = seededUuid(r);
    persons.push({
      id,
      region_code: region,
      last_name: s.lastName,
      first_name: s.firstName,
      patronymic: s.patronymic,
      norm_name: normaliseName(s.lastName, s.firstName),
      birth_date: s.birthDate,
      gender: s.gender,
      phone: withContact ? syntheticPhone(r) : null,
      address: null,
      is_synthetic: true,
    });
    return { id, birthDate: s.birthDate };
  };

  for (const at of times) {
    const region = rng.weighted(regions);
    const caseId = seededUuid(rng);
    const earlier = households.filter((h) => h.region === region && at - h.at < 365 * DAY);
    const repeat = earlier.length > 0 && rng.bool(0.14) ? rng.pick(earlier) : null;
    const address = repeat?.address ?? syntheticAddress(rng, region).text;
    const victim = repeat?.victim ?? person(rng, region, { gender: rng.bool(0.82) ? 'female' : 'male', minAge: 18, maxAge: 68 }, true).id;
    const offender =
      repeat?.offender ?? person(rng, region, { gender: rng.bool(0.86) ? 'male' : 'female', minAge: 18, maxAge: 72 }, false).id;
    households.push({ victim, offender, address, region, caseId, at });
    const year = Number(day(at).slice(0, 4));
    const key = `${region}/${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const occurred = at - rng.int(0, 6) * HOUR;
    const source = rng.weighted(SOURCES);
    const legal = rng.weighted(LEGAL);
    const answers = Object.fromEntries(instrument.items.map((i) => [i.code, rng.bool(0.22 + (repeat ? 0.15 : 0))]));
    const score = instrument.items.reduce((s, i) => s + (answers[i.code] ? i.weight : 0), 0);
    const th = instrument.thresholds.find((t) => t.region === region) ?? instrument.thresholds.find((t) => t.region === '*')!;
    const band = score >= th.highFrom ? 'high' : score >= th.mediumFrom ? 'medium' : 'standard';
    const assessed = rng.bool(0.88);
    const contacted = rng.bool(0.9) ? at + rng.int(1, 40) * HOUR : null;
    const closed = at < END - 120 * DAY && rng.bool(0.45);
    const escalation = assessed && band === 'high' ? (rng.bool(0.6) ? 'meeting_scheduled' : 'meeting_required') : 'none';
    cases.push({
      id: caseId,
      code: `DV-${region.slice(3)}-${year}-${String(n).padStart(6, '0')}`,
      region_code: region,
      status: closed ? 'closed' : 'open',
      source,
      address,
      norm_address: normaliseAddress(address),
      legal_code: legal,
      risk_band: assessed ? band : null,
      is_repeat: repeat !== null,
      repeat_of: repeat?.caseId ?? null,
      escalation,
      first_contact_at: contacted === null ? null : new Date(contacted),
      last_incident_at: new Date(occurred),
      closed_reason: closed ? 'Синтетическая запись: меры приняты, риск снижен' : null,
      is_synthetic: true,
      created_by: 'demo-seed',
      created_at: new Date(at),
      updated_at: new Date(contacted ?? at),
    });
    incidents.push({
      id: seededUuid(rng),
      case_id: caseId,
      region_code: region,
      occurred_at: new Date(occurred),
      source,
      address,
      norm_address: normaliseAddress(address),
      narrative: rng.pick(NARRATIVES),
      legal_code: legal,
      first_actions: 'Синтетическая запись: выезд наряда, опрос сторон',
      created_by: 'demo-seed',
      created_at: new Date(at),
    });
    people.push({
      id: seededUuid(rng),
      case_id: caseId,
      person_id: victim,
      role: 'victim',
      was_present: true,
      school_id: null,
      school_class: null,
      created_at: new Date(at),
    });
    people.push({
      id: seededUuid(rng),
      case_id: caseId,
      person_id: offender,
      role: 'offender',
      was_present: true,
      school_id: null,
      school_class: null,
      created_at: new Date(at),
    });
    if (region === 'KZ-75' && police.length)
      team.push({ case_id: caseId, user_id: police[rng.int(0, police.length - 1)]!, role: 'assignee' });
    if (rng.bool(0.4)) {
      for (let c = 0; c < rng.int(1, 3); c++) {
        const child = person(rng, region, { minAge: 3, maxAge: 17 }, false);
        const schools = reg.schoolsByRegion.get(region) ?? [];
        const age = 2026 - Number(child.birthDate.slice(0, 4));
        const school = age >= 7 && schools.length ? rng.pick(schools) : null;
        const present = rng.bool(0.7);
        const cpId = seededUuid(rng);
        people.push({
          id: cpId,
          case_id: caseId,
          person_id: child.id,
          role: 'child',
          was_present: present,
          school_id: school,
          school_class: school ? `${Math.min(11, Math.max(1, age - 6))}` : null,
          created_at: new Date(at),
        });
        if (school && present) {
          const nid = seededUuid(rng);
          const supported = rng.bool(0.55);
          notifications.push({
            id: nid,
            case_id: caseId,
            case_person_id: cpId,
            school_id: school,
            region_code: region,
            visible_from: nextSchoolDayStart(new Date(at)),
            status: supported ? 'supporting' : 'acknowledged',
            acknowledged_at: new Date(at + DAY),
            created_at: new Date(at),
          });
          if (supported)
            support.push({
              id: seededUuid(rng),
              notification_id: nid,
              kind: 'support_plan',
              text: 'Синтетическая запись: наблюдение классного руководителя, встречи со школьным психологом раз в неделю',
              help_target: null,
              created_by: 'demo-seed',
              created_at: new Date(at + 3 * DAY),
            });
        }
      }
    }
    if (assessed)
      assessments.push({
        id: seededUuid(rng),
        case_id: caseId,
        incident_id: null,
        instrument_version: instrument.version,
        answers: JSON.stringify(answers),
        score,
        computed_band: band,
        band,
        created_by: 'demo-seed',
        created_at: new Date(at + 2 * HOUR),
      });
    tasks.push({
      id: seededUuid(rng),
      case_id: caseId,
      region_code: region,
      kind: 'first_contact',
      title: RULES.taskDeadlines.first_contact.title,
      due_at: new Date(at + 24 * HOUR),
      status: contacted ? 'done' : 'open',
      source_key: `first_contact:${caseId}`,
      done_at: contacted ? new Date(contacted) : null,
      done_by: contacted ? 'demo-seed' : null,
    });
    timeline.push({
      id: seededUuid(rng),
      case_id: caseId,
      at: new Date(at),
      kind: 'intake',
      summary: `Case taken in (${source})${repeat ? ', repeat within 12 months' : ''}`,
      actor: 'demo-seed',
      details: '{}',
    });
    if (rng.bool(0.35)) {
      const starts = day(at);
      const ends = day(at + 29 * DAY);
      measures.push({
        id: seededUuid(rng),
        case_id: caseId,
        region_code: region,
        kind: 'protective_order',
        subject_person_id: offender,
        starts_on: starts,
        ends_on: ends,
        conditions: JSON.stringify({ no_contact: true }),
        checkins_per_month: 0,
        status: ends < '2026-11-01' ? 'expired' : 'active',
        breach_count: rng.bool(0.08) ? 1 : 0,
        created_by: 'demo-seed',
        created_at: new Date(at),
      });
    }
    const providers = (reg.providersByRegion.get(region) ?? []).filter((x) => x.status === 'open');
    if (providers.length && rng.bool(0.3)) {
      const pr = rng.pick(providers);
      const status = rng.weighted([
        ['sent', 8],
        ['accepted', 8],
        ['rejected', 5],
        ['first_contact', 10],
        ['support_plan', 12],
        ['sessions', 20],
        ['closed', 37],
      ] as const);
      const sent = at + rng.int(2, 48) * HOUR;
      const accepted = ['rejected', 'sent'].includes(status) ? null : sent + rng.int(4, 96) * HOUR;
      const done = status === 'closed' || status === 'rejected' ? (accepted ?? sent) + rng.int(5, 90) * DAY : null;
      referrals.push({
        id: seededUuid(rng),
        case_id: caseId,
        region_code: region,
        person_id: victim,
        provider_id: pr.id,
        status,
        reason: 'Синтетическая запись: психологическая и правовая помощь',
        grants: ['contact', 'risk'],
        consent: rng.bool(0.95) ? 'given' : 'override',
        consent_note: 'written',
        reject_reason: status === 'rejected' ? 'Нет мест' : null,
        support_plan: ['support_plan', 'sessions', 'closed'].includes(status) ? 'Синтетический план поддержки' : null,
        session_count: status === 'sessions' || status === 'closed' ? rng.int(1, 8) : 0,
        closing_report: status === 'closed' ? 'Синтетический отчёт' : null,
        outcome: status === 'closed' ? rng.pick(['goals_met', 'partly_met', 'disengaged']) : null,
        due_at: done ? null : new Date((accepted ?? sent) + rng.int(2, 30) * DAY),
        sent_at: new Date(sent),
        accepted_at: accepted ? new Date(accepted) : null,
        closed_at: done ? new Date(done) : null,
        created_by: 'demo-seed',
        created_at: new Date(at),
        updated_at: new Date(done ?? accepted ?? sent),
      });
    }
  }
  await insertChunks(persons, (c) => tx.insertInto('dv_persons').values(c).execute());
  await insertChunks(cases, (c) => tx.insertInto('dv_cases').values(c).execute(), 300);
  await insertChunks(incidents, (c) => tx.insertInto('dv_incidents').values(c).execute());
  await insertChunks(people, (c) => tx.insertInto('dv_case_people').values(c).execute());
  await insertChunks(assessments, (c) => tx.insertInto('dv_assessments').values(c).execute());
  await insertChunks(measures, (c) => tx.insertInto('dv_measures').values(c).execute());
  await insertChunks(referrals, (c) => tx.insertInto('dv_referrals').values(c).execute(), 200);
  await insertChunks(notifications, (c) => tx.insertInto('dv_child_notifications').values(c).execute());
  await insertChunks(support, (c) => tx.insertInto('dv_child_support').values(c).execute());
  await insertChunks(tasks, (c) => tx.insertInto('dv_tasks').values(c).execute());
  await insertChunks(timeline, (c) => tx.insertInto('dv_timeline').values(c).execute());
  await insertChunks(team, (c) => tx.insertInto('dv_case_team').values(c).execute());
  await tx
    .insertInto('dv_case_counters')
    .values([...counters].map(([k, last]) => ({ region_code: k.slice(0, 5), year: Number(k.slice(6)), last })))
    .execute();
  return { cases: cases.length, referrals: referrals.length, notifications: notifications.length };
}
