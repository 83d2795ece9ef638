import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../kernel/access/actor.ts';
import type { HttpApp } from '../kernel/http/types.ts';
import type { Platform } from '../kernel/platform.ts';
import { currentTotp } from '../modules/identity/index.ts';
import { createUser } from '../modules/identity/users.service.ts';
import { createToken } from '../modules/identity/tokens.service.ts';

export const systemCtx = { actor: SYSTEM_ACTOR, requestId: 'test', locale: 'en' as const };

export type BuiltUser = {
  id: string;
  username: string;
  password: string;
  role: string;
  regionCode: string | null;
  totpSecret: string | null;
};

const ORG_FOR_ROLE: Record<string, string> = {
  commission_admin: 'COMMISSION',
  auditor: 'PGO',
  commission_member: 'MOH',
  police_officer: 'MIA',
};

/** Creates a user with sensible defaults for the role (regional roles get Astana unless told otherwise). */
export async function buildUser(
  p: Platform,
  overrides: Partial<{ role: string; regionCode: string | null; username: string; password: string; organisationCode: string }> = {},
): Promise<BuiltUser> {
  const role = overrides.role ?? 'regional_coordinator';
  const scope = p.registry.role(role)?.scope;
  const regionCode = overrides.regionCode !== undefined ? overrides.regionCode : scope === 'regional' ? 'KZ-71' : null;
  const username = overrides.username ?? `u${randomBytes(5).toString('hex')}`;
  const password = overrides.password ?? `Pw-${randomBytes(9).toString('base64url')}`;
  const organisationCode = overrides.organisationCode ?? ORG_FOR_ROLE[role] ?? (regionCode ? `AKIMAT-${regionCode}` : 'COMMISSION');
  const r = await createUser(p, systemCtx, {
    username,
    displayName: `Test ${username}`,
    password,
    role,
    organisationCode,
    regionCode,
    locale: 'en',
  });
  return { id: r.user.id, username, password, role, regionCode, totpSecret: r.totpSecret };
}

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

/** Logs a user in through the API (with TOTP when the role needs it); returns cookie and CSRF headers. */
export async function login(app: HttpApp, u: { username: string; password: string; totpSecret: string | null }): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } });
  let body = res.json() as { status: string; challenge?: string; session?: { csrfToken: string } };
  let setCookie = res.headers['set-cookie'];
  if (body.status === 'totp_required') {
    if (!u.totpSecret) throw new Error('TOTP required but no secret');
    const r2 = await app.inject({
      method: 'POST',
      url: '/api/auth/totp',
      payload: { challenge: body.challenge, code: currentTotp(u.totpSecret) },
    });
    body = r2.json();
    setCookie = r2.headers['set-cookie'];
  }
  if (body.status !== 'ok' || !body.session) throw new Error(`login failed: ${JSON.stringify(body)}`);
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = String(raw).split(';')[0] ?? '';
  return { cookie, csrf: body.session.csrfToken, headers: { cookie, 'x-csrf-token': body.session.csrfToken } };
}

/** Issues an API token directly through the service. */
export async function buildToken(
  p: Platform,
  overrides: Partial<{ permissions: string[]; regionCode: string | null; organisationCode: string }> = {},
) {
  const r = await createToken(p, systemCtx, {
    name: 'test client',
    organisationCode: overrides.organisationCode ?? 'MIA',
    permissions: overrides.permissions ?? ['reference.read'],
    regionCode: overrides.regionCode ?? null,
  });
  return { token: r.token, id: r.record.id, headers: { authorization: `Bearer ${r.token}` } };
}
