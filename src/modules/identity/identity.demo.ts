import { createHash } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { DemoSeedReport } from '../../kernel/module.ts';
import type { Platform } from '../../kernel/platform.ts';
import { createRng, syntheticPerson } from '../../kernel/synthetic/index.ts';
import organisations from './data/organisations.json' with { type: 'json' };
import * as repo from './identity.repository.ts';
import { createUser } from './users.service.ts';

export type DemoUser = {
  username: string;
  password: string;
  role: string;
  organisationCode: string;
  regionCode: string | null;
  totpSecret: string | null;
};

const DEMO_ACCOUNTS: readonly Omit<DemoUser, 'password' | 'totpSecret'>[] = [
  { username: 'admin', role: 'commission_admin', organisationCode: 'COMMISSION', regionCode: null },
  { username: 'auditor', role: 'auditor', organisationCode: 'PGO', regionCode: null },
  { username: 'member', role: 'commission_member', organisationCode: 'MOH', regionCode: null },
  { username: 'almaty.coordinator', role: 'regional_coordinator', organisationCode: 'AKIMAT-KZ-75', regionCode: 'KZ-75' },
  { username: 'turkistan.coordinator', role: 'regional_coordinator', organisationCode: 'AKIMAT-KZ-61', regionCode: 'KZ-61' },
  { username: 'astana.police', role: 'police_officer', organisationCode: 'MIA', regionCode: 'KZ-71' },
];

function derive(seed: string, username: string, purpose: string): Buffer {
  return createHash('sha256').update(`${seed}\0${username}\0${purpose}`).digest();
}

/** The demo accounts for a seed: passwords and TOTP secrets are derived from it, so a demo is reproducible. */
export function demoUsers(seed: string, registry: Platform['registry']): DemoUser[] {
  return DEMO_ACCOUNTS.map((a) => ({ ...a, ...demoCredentials(seed, a.username, registry.role(a.role)?.privileged ?? false) }));
}

/**
 * A demo account's password (and TOTP secret when privileged), derived from the demo seed and the
 * username: every module's demo logins come from here, so the same seed always prints the same ones.
 */
export function demoCredentials(seed: string, username: string, isPrivileged: boolean): { password: string; totpSecret: string | null } {
  return {
    password: `Demo-${derive(seed, username, 'password').toString('base64url').slice(0, 10)}`,
    totpSecret: isPrivileged
      ? new OTPAuth.Secret({ buffer: new Uint8Array(derive(seed, username, 'totp').subarray(0, 20)).buffer }).base32
      : null,
  };
}

export async function seedOrganisations(tx: Tx): Promise<void> {
  for (const o of organisations) {
    await repo.upsertOrganisation(tx, {
      code: o.code,
      kind: o.kind,
      kk: o.name.kk,
      ru: o.name.ru,
      en: o.name.en,
      regionCode: o.regionCode,
    });
  }
}

export async function seedDemoUsers(tx: Tx, p: Platform, seed: string): Promise<DemoSeedReport> {
  const rng = createRng(`${seed}/identity`);
  const ctx = { actor: { ...SYSTEM_ACTOR, username: 'demo-seed' }, requestId: 'demo-seed', locale: 'ru' as const };
  let count = 0;
  for (const u of demoUsers(seed, p.registry)) {
    const person = syntheticPerson(rng);
    await createUser(
      p,
      ctx,
      {
        username: u.username,
        displayName: `${person.lastName} ${person.firstName}`,
        password: u.password,
        role: u.role,
        organisationCode: u.organisationCode,
        regionCode: u.regionCode,
        locale: 'ru',
      },
      { isSynthetic: true, ...(u.totpSecret ? { totpSecret: u.totpSecret } : {}), tx },
    );
    count++;
  }
  return { lines: [`  ${count} synthetic user accounts (one per demo role)`] };
}
