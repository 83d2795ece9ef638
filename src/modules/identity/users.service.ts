import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isRegionCode } from '../reference/index.ts';
import { hashPassword, newTotpSecret, totpUri } from './crypto.ts';
import * as repo from './identity.repository.ts';
import { presentUser } from './identity.presenter.ts';
import type { CreateUserInput, UserView } from './identity.schema.ts';
import type { Tx } from '../../kernel/db/database.ts';

export type CreatedUser = { user: UserView; totpSecret: string | null; totpUri: string | null };

export async function listUsers(p: Platform, ctx: RequestContext, f: repo.UserFilters, page: number, pageSize: number) {
  requirePermission(ctx.actor, 'users.read');
  const { rows, total } = await repo.findUsers(p.db, ctx.actor, f, page, pageSize);
  return { items: rows.map(presentUser), total, page, pageSize };
}

/** One user's record; personal data, so each view is audited. Other regions' users are "not found". */
export async function getUser(p: Platform, ctx: RequestContext, id: string): Promise<UserView> {
  requirePermission(ctx.actor, 'users.read');
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.findUserById(tx, ctx.actor, id);
    if (!row) throw notFound('user');
    await recordAudit(tx, ctx, { action: 'user.read', resourceType: 'user', resourceId: row.id, regionCode: row.region_code });
    return presentUser(row);
  });
}

/** Validates a new account against the role registry and reference data; used by the API and the CLI. */
export async function createUser(
  p: Platform,
  ctx: RequestContext,
  input: CreateUserInput,
  opts: { isSynthetic?: boolean; totpSecret?: string; tx?: Tx } = {},
): Promise<CreatedUser> {
  requirePermission(ctx.actor, 'users.write');
  const role = p.registry.role(input.role);
  const errors: { path: string; message: string; code: string }[] = [];
  if (!role) errors.push({ path: 'body.role', message: `Unknown role ${input.role}`, code: 'unknown_role' });
  if (input.regionCode !== null && !isRegionCode(input.regionCode))
    errors.push({ path: 'body.regionCode', message: 'Unknown region', code: 'unknown_region' });
  if (role?.scope === 'regional' && input.regionCode === null)
    errors.push({ path: 'body.regionCode', message: 'This role works in one region: choose it', code: 'region_required' });
  if (role?.scope === 'national' && input.regionCode !== null)
    errors.push({ path: 'body.regionCode', message: 'This role is national: no region', code: 'region_not_allowed' });
  if (ctx.actor.regionCode !== null && input.regionCode !== ctx.actor.regionCode)
    errors.push({ path: 'body.regionCode', message: 'You can only create users in your region', code: 'out_of_scope' });
  const run = async (tx: Tx) => {
    const org = await repo.findOrganisationByCode(tx, input.organisationCode);
    if (!org) errors.push({ path: 'body.organisationCode', message: 'Unknown organisation', code: 'unknown_organisation' });
    if (errors.length) throw new AppError('validation_failed', 'Invalid user', { errors });
    if (await repo.findUserForLogin(tx, input.username)) {
      throw new AppError('conflict', 'Username taken', {
        errors: [{ path: 'body.username', message: 'This username is taken', code: 'taken' }],
      });
    }
    const secret = role?.privileged ? (opts.totpSecret ?? newTotpSecret()) : null;
    const { id } = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      organisationId: org!.id,
      regionCode: input.regionCode,
      locale: input.locale,
      totpBox: secret ? p.secrets.encrypt(secret) : null,
      isSynthetic: opts.isSynthetic ?? false,
    });
    await recordAudit(tx, ctx, {
      action: 'user.create',
      resourceType: 'user',
      resourceId: id,
      regionCode: input.regionCode,
      details: { username: input.username, role: input.role, organisation: input.organisationCode },
    });
    const row = await repo.findUserById(tx, ctx.actor, id);
    return { user: presentUser(row!), totpSecret: secret, totpUri: secret ? totpUri(secret, input.username) : null };
  };
  return opts.tx ? run(opts.tx) : p.db.transaction().execute(run);
}

export async function listOrganisations(p: Platform) {
  const rows = await repo.listOrganisationRows(p.db);
  return rows.map((o) => ({
    id: o.id,
    code: o.code,
    kind: o.kind,
    name: { kk: o.name_kk, ru: o.name_ru, en: o.name_en },
    regionCode: o.region_code,
  }));
}
