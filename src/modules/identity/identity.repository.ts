import { sql } from 'kysely';
import type { Actor } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import './identity.tables.ts';

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.region_code',
  'u.locale',
  'u.is_active',
  'u.is_synthetic',
  'u.created_at',
  'u.totp_secret_box',
  'o.id as org_id',
  'o.code as org_code',
  'o.name_kk as org_name_kk',
  'o.name_ru as org_name_ru',
  'o.name_en as org_name_en',
] as const;

export type UserFilters = { q?: string | undefined; region?: string | undefined; role?: string | undefined };

function userBase(db: Executor) {
  return db.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id');
}

/** Users visible to the actor (region scope inside the query). */
export async function findUsers(db: Executor, actor: Actor, f: UserFilters, page: number, pageSize: number) {
  let q = userBase(db).where(regionScope(actor, 'u.region_code'));
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['u.username']), 'like', like), eb(eb.fn('lower', ['u.display_name']), 'like', like)]));
  }
  if (f.region) q = q.where('u.region_code', '=', f.region);
  if (f.role) q = q.where('u.role', '=', f.role);
  const { rows, total } = await paginate(q.select(userColumns).orderBy('u.username'), page, pageSize);
  return { rows, total };
}
export type UserRow = Awaited<ReturnType<typeof findUsers>>['rows'][number];

export function findUserById(db: Executor, actor: Actor, id: string) {
  return userBase(db).where('u.id', '=', id).where(regionScope(actor, 'u.region_code')).select(userColumns).executeTakeFirst();
}

export function findUserForLogin(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'password_hash',
      'role',
      'is_active',
      'failed_logins',
      'locked_until',
      'totp_secret_box',
      'totp_last_step',
      'region_code',
    ])
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function recordFailedLogin(db: Executor, userId: string, lockAfter: number, lockMinutes: number) {
  await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: sql<Date | null>`case when failed_logins + 1 >= ${lockAfter} then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
    }))
    .where('id', '=', userId)
    .execute();
}

export async function resetFailedLogins(db: Executor, userId: string) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setTotpLastStep(db: Executor, userId: string, step: number) {
  await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId).execute();
}

export function insertUser(
  db: Executor,
  v: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: string;
    organisationId: string;
    regionCode: string | null;
    locale?: string;
    totpBox: string | null;
    isSynthetic?: boolean;
  },
) {
  return db
    .insertInto('users')
    .values({
      username: v.username,
      display_name: v.displayName,
      password_hash: v.passwordHash,
      role: v.role,
      organisation_id: v.organisationId,
      region_code: v.regionCode,
      locale: v.locale ?? 'ru',
      totp_secret_box: v.totpBox,
      is_synthetic: v.isSynthetic ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findOrganisationByCode(db: Executor, code: string) {
  return db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listOrganisationRows(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('code').execute();
}

export async function upsertOrganisation(
  db: Executor,
  o: { code: string; kind: string; kk: string; ru: string; en: string; regionCode: string | null },
) {
  await db
    .insertInto('organisations')
    .values({ code: o.code, kind: o.kind, name_kk: o.kk, name_ru: o.ru, name_en: o.en, region_code: o.regionCode })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name_kk: o.kk, name_ru: o.ru, name_en: o.en, region_code: o.regionCode }))
    .execute();
}

// Sessions and challenges

export function insertSession(
  db: Executor,
  v: { tokenHash: string; userId: string; csrf: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  return db
    .insertInto('sessions')
    .values({
      token_hash: v.tokenHash,
      user_id: v.userId,
      csrf_token: v.csrf,
      expires_at: v.expiresAt,
      ip: v.ip,
      user_agent: v.userAgent?.slice(0, 300) ?? null,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

export function findSessionActor(db: Executor, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      's.revoked_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_code',
      'u.locale',
      'u.is_active',
      'o.id as org_id',
      'o.code as org_code',
      'o.name_kk as org_name_kk',
      'o.name_ru as org_name_ru',
      'o.name_en as org_name_en',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
export type SessionActorRow = NonNullable<Awaited<ReturnType<typeof findSessionActor>>>;

export async function touchSession(db: Executor, sessionId: string) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql<Date>`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function revokeSession(db: Executor, sessionId: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function deleteExpiredSessions(db: Executor, idleMinutes: number) {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', sql<Date>`now()`),
        eb('revoked_at', 'is not', null),
        eb('last_seen_at', '<', sql<Date>`now() - make_interval(mins => ${idleMinutes})`),
      ]),
    )
    .executeTakeFirst();
  await db
    .deleteFrom('auth_challenges')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
  return Number(r.numDeletedRows);
}

export function insertChallenge(db: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  return db.insertInto('auth_challenges').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

export function findChallenge(db: Executor, tokenHash: string) {
  return db.selectFrom('auth_challenges').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function bumpChallenge(db: Executor, id: string, used: boolean) {
  await db
    .updateTable('auth_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), ...(used ? { used_at: sql<Date>`now()` } : {}) }))
    .where('id', '=', id)
    .execute();
}

// API tokens

export function insertToken(
  db: Executor,
  v: {
    name: string;
    tokenHash: string;
    prefix: string;
    organisationId: string;
    regionCode: string | null;
    permissions: string[];
    createdBy: string | null;
    expiresAt: Date | null;
  },
) {
  return db
    .insertInto('api_tokens')
    .values({
      name: v.name,
      token_hash: v.tokenHash,
      prefix: v.prefix,
      organisation_id: v.organisationId,
      region_code: v.regionCode,
      permissions: v.permissions,
      created_by: v.createdBy,
      expires_at: v.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findTokenActor(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .select([
      't.id',
      't.name',
      't.region_code',
      't.permissions',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
      'o.id as org_id',
      'o.code as org_code',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchToken(db: Executor, id: string) {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

const tokenColumns = [
  't.id',
  't.name',
  't.prefix',
  't.region_code',
  't.permissions',
  't.created_at',
  't.last_used_at',
  't.expires_at',
  't.revoked_at',
  'o.id as org_id',
  'o.code as org_code',
  'o.name_kk as org_name_kk',
  'o.name_ru as org_name_ru',
  'o.name_en as org_name_en',
] as const;

export async function findTokens(db: Executor, actor: Actor, page: number, pageSize: number) {
  const q = db
    .selectFrom('api_tokens as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .where(regionScope(actor, 't.region_code'));
  const { rows, total } = await paginate(q.select(tokenColumns).orderBy('t.created_at', 'desc'), page, pageSize);
  return { rows, total };
}
export type TokenRow = Awaited<ReturnType<typeof findTokens>>['rows'][number];

export function findTokenById(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .where('t.id', '=', id)
    .where(regionScope(actor, 't.region_code'))
    .select(tokenColumns)
    .executeTakeFirst();
}

export async function revokeToken(db: Executor, id: string) {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The facts other modules may rely on about an account (for assignment and staff links): no personal data. */
export function findAccountFacts(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'role', 'region_code', 'is_active']).where('id', '=', userId).executeTakeFirst();
}
