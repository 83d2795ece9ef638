import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { DemoSeedReport } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { createRng, syntheticPerson } from '../../kernel/synthetic/index.ts';
import { createUser, demoCredentials, upsertOrganisation, type DemoUser } from '../identity/index.ts';
import { seedDemoCases } from './demo-cases.ts';
import { seedDemoRegistry } from './demo-registry.ts';

type Account = Omit<DemoUser, 'password' | 'totpSecret'> & {
  org: { kind: string; ru: string; en: string; kk: string };
  link: string | null;
};

const ACCOUNTS: readonly Account[] = [
  {
    username: 'almaty.dv.police',
    role: 'dv_police_officer',
    organisationCode: 'DV-POLICE-75',
    regionCode: 'KZ-75',
    link: null,
    org: {
      kind: 'police_unit',
      en: 'Almaty police: family-safety unit',
      ru: 'ДП г. Алматы: подразделение по защите семьи',
      kk: 'Алматы қ. ПД: отбасын қорғау бөлімшесі',
    },
  },
  {
    username: 'almaty.dv.lead',
    role: 'dv_police_officer',
    organisationCode: 'DV-POLICE-75',
    regionCode: 'KZ-75',
    link: null,
    org: {
      kind: 'police_unit',
      en: 'Almaty police: family-safety unit',
      ru: 'ДП г. Алматы: подразделение по защите семьи',
      kk: 'Алматы қ. ПД: отбасын қорғау бөлімшесі',
    },
  },
  {
    username: 'almaty.fsc',
    role: 'fsc_worker',
    organisationCode: 'FSC-75-01',
    regionCode: 'KZ-75',
    link: 'FSC-75-01',
    org: {
      kind: 'centre',
      en: 'Family Support Centre FSC-75-01 (synthetic)',
      ru: 'Центр поддержки семьи FSC-75-01 (синтетический)',
      kk: 'Отбасын қолдау орталығы FSC-75-01 (синтетикалық)',
    },
  },
  {
    username: 'almaty.school',
    role: 'school_contact',
    organisationCode: 'SCH-75-001',
    regionCode: 'KZ-75',
    link: 'SCH-75-001',
    org: {
      kind: 'school',
      en: 'School SCH-75-001 (synthetic)',
      ru: 'Школа SCH-75-001 (синтетическая)',
      kk: 'SCH-75-001 мектебі (синтетикалық)',
    },
  },
  {
    username: 'almaty.health',
    role: 'health_worker',
    organisationCode: 'HEALTH-75-01',
    regionCode: 'KZ-75',
    link: 'HEALTH-75-01',
    org: {
      kind: 'health',
      en: 'Clinic HEALTH-75-01 (synthetic)',
      ru: 'Поликлиника HEALTH-75-01 (синтетическая)',
      kk: 'HEALTH-75-01 емханасы (синтетикалық)',
    },
  },
  {
    username: 'almaty.ngo',
    role: 'ngo_worker',
    organisationCode: 'NGO-75-01',
    regionCode: 'KZ-75',
    link: 'NGO-75-01',
    org: { kind: 'ngo', en: 'NGO NGO-75-01 (synthetic)', ru: 'НКО NGO-75-01 (синтетическая)', kk: 'NGO-75-01 ҮЕҰ (синтетикалық)' },
  },
];

/** The family-safety demo accounts; passwords are derived from the demo seed as identity's demoUsers does. */
export function familySafetyDemoUsers(seed: string): DemoUser[] {
  return ACCOUNTS.map(({ org: _o, link: _l, ...a }) => ({
    ...a,
    ...demoCredentials(seed, a.username, false),
  }));
}

/** Registry, demo accounts (linked to their school or centre) and a year of synthetic cases. */
export async function seedDemoFamilySafety(tx: Tx, p: Platform, seed: string): Promise<DemoSeedReport> {
  const registry = await seedDemoRegistry(tx, seed);
  const rng = createRng(`${seed}/family-safety/users`);
  const ctx = { actor: { ...SYSTEM_ACTOR, username: 'demo-seed' }, requestId: 'demo-seed', locale: 'ru' as const };
  const passwords = new Map(familySafetyDemoUsers(seed).map((u) => [u.username, u.password]));
  const police: string[] = [];
  for (const a of ACCOUNTS) {
    await upsertOrganisation(tx, {
      code: a.organisationCode,
      kind: a.org.kind,
      kk: a.org.kk,
      ru: a.org.ru,
      en: a.org.en,
      regionCode: a.regionCode,
    });
    const person = syntheticPerson(rng, { regionCode: 'KZ-75' });
    const created = await createUser(
      p,
      ctx,
      {
        username: a.username,
        displayName: `${person.lastName} ${person.firstName}`,
        password: passwords.get(a.username) ?? '',
        role: a.role,
        organisationCode: a.organisationCode,
        regionCode: a.regionCode,
        locale: 'ru',
      },
      { isSynthetic: true, tx },
    );
    if (a.role === 'dv_police_officer') police.push(created.user.id);
    if (a.link) {
      const school = await tx.selectFrom('dv_schools').select('id').where('code', '=', a.link).executeTakeFirst();
      const provider = school ? undefined : await tx.selectFrom('dv_providers').select('id').where('code', '=', a.link).executeTakeFirst();
      await tx
        .insertInto('dv_staff_links')
        .values({ user_id: created.user.id, school_id: school?.id ?? null, provider_id: provider?.id ?? null })
        .execute();
    }
  }
  const counts = await seedDemoCases(tx, seed, registry, police);
  return {
    lines: [
      `  ${registry.providersByRegion.size} regions with synthetic family support centres, NGOs, shelters and schools`,
      `  ${counts.cases} synthetic family-safety cases (${counts.referrals} referrals, ${counts.notifications} school notifications)`,
      `  ${ACCOUNTS.length} family-safety demo accounts (almaty.dv.police, almaty.fsc, almaty.school, …)`,
    ],
  };
}
