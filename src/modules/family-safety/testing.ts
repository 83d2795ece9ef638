/** Test factories for family-safety records (tests and the route walk only; never used by the app). */
import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { IntakeInput } from './cases.schema.ts';
import { intakeCase } from './intake.service.ts';
import { createMeeting } from './meetings.service.ts';
import { createReferral } from './referrals.service.ts';
import { createProvider, createSchool, linkStaff } from './registry.service.ts';

export const dvSystemCtx: RequestContext = { actor: SYSTEM_ACTOR, requestId: 'test', locale: 'en' };
const suffix = () => randomBytes(3).toString('hex').toUpperCase();

export async function buildSchool(p: Platform, regionCode = 'KZ-75') {
  return createSchool(p, dvSystemCtx, {
    code: `SCH-T-${suffix()}`,
    regionCode,
    name: 'Синтетическая школа № 1',
    address: 'г. Алматы, ул. Тестовая, д. 1',
  });
}

export async function buildProvider(
  p: Platform,
  o: { regionCode?: string; kind?: 'fsc' | 'ngo' | 'health'; status?: 'open' | 'planned' } = {},
) {
  return createProvider(p, dvSystemCtx, {
    code: `${(o.kind ?? 'fsc').toUpperCase()}-T-${suffix()}`,
    kind: o.kind ?? 'fsc',
    regionCode: o.regionCode ?? 'KZ-75',
    name: 'Синтетический центр поддержки семьи',
    address: 'г. Алматы, ул. Тестовая, д. 2',
    phone: '+77990000001',
    services: ['psychologist'],
    capacity: 30,
    status: o.status ?? 'open',
    opensOn: null,
  });
}

export function linkUser(p: Platform, userId: string, target: { schoolId?: string; providerId?: string }) {
  return linkStaff(p, dvSystemCtx, { userId, ...target });
}

/** A valid intake body: a victim, an alleged offender and optionally a present school-age child. */
export function intakeBody(o: Partial<IntakeInput> & { schoolId?: string; address?: string } = {}): IntakeInput {
  const { schoolId, ...rest } = o;
  return {
    regionCode: 'KZ-75',
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    source: 'police_call',
    address: `г. Алматы, ул. Синтетическая, д. ${Math.floor(Math.random() * 100000)}, кв. 5`,
    narrative: 'Синтетическая запись: крики, соседи вызвали полицию.',
    legalCode: 'ac-73',
    firstActions: 'Выезд наряда',
    people: [
      {
        role: 'victim',
        lastName: 'Тестова',
        firstName: `Айгерим${suffix()}`,
        birthDate: '1990-04-12',
        gender: 'female',
        phone: '+77990000002',
        address: 'г. Алматы, ул. Синтетическая, д. 1',
        wasPresent: true,
      },
      { role: 'offender', lastName: 'Тестов', firstName: `Ерлан${suffix()}`, birthDate: '1985-01-20', gender: 'male', wasPresent: true },
      ...(schoolId
        ? [
            {
              role: 'child' as const,
              lastName: 'Тестов',
              firstName: 'Алихан',
              birthDate: '2016-09-01',
              wasPresent: true,
              schoolId,
              schoolClass: '4А',
            },
          ]
        : []),
    ],
    ...rest,
  };
}

export async function buildCase(p: Platform, o: Parameters<typeof intakeBody>[0] = {}, ctx: RequestContext = dvSystemCtx) {
  return (await intakeCase(p, ctx, intakeBody(o))).detail;
}

export async function buildReferral(p: Platform, regionCode = 'KZ-75') {
  const c = await buildCase(p, { regionCode, address: `${regionCode} ул. Реферальная, д. ${suffix()}` });
  const provider = await buildProvider(p, { regionCode });
  const victim = c.people.find((x) => x.role === 'victim')!;
  return createReferral(p, dvSystemCtx, {
    caseId: c.id,
    personId: victim.personId,
    providerId: provider.id,
    reason: 'Психологическая помощь',
    grants: ['contact'],
    consent: { method: 'written', note: '' },
  });
}

export async function buildNotification(p: Platform, regionCode = 'KZ-75') {
  const school = await buildSchool(p, regionCode);
  const c = await buildCase(p, { regionCode, schoolId: school.id });
  return { id: c.childNotifications[0]!.id, caseId: c.id, schoolId: school.id };
}

export async function buildMeeting(p: Platform, regionCode = 'KZ-75') {
  const c = await buildCase(p, { regionCode });
  return createMeeting(p, dvSystemCtx, {
    regionCode,
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    agenda: 'Синтетическая повестка',
    caseIds: [c.id],
    participants: [
      { agency: 'police', name: 'Участковый (синтетический)' },
      { agency: 'fsc', name: 'Психолог ЦПС (синтетический)' },
    ],
  });
}
