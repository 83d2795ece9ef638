import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isRegionCode } from '../reference/index.ts';
import { randomToken, sha256 } from './crypto.ts';
import * as repo from './identity.repository.ts';
import { presentToken } from './identity.presenter.ts';
import type { CreateTokenInput, TokenView } from './identity.schema.ts';

export async function listTokens(p: Platform, ctx: RequestContext, page: number, pageSize: number) {
  requirePermission(ctx.actor, 'tokens.manage');
  const { rows, total } = await repo.findTokens(p.db, ctx.actor, page, pageSize);
  return { items: rows.map(presentToken), total, page, pageSize };
}

/** Issues a machine-client token. The secret is returned once and only its hash is stored. */
export async function createToken(
  p: Platform,
  ctx: RequestContext,
  input: CreateTokenInput,
): Promise<{ token: string; record: TokenView }> {
  requirePermission(ctx.actor, 'tokens.manage');
  const errors: { path: string; message: string; code: string }[] = [];
  input.permissions.forEach((perm, i) => {
    const def = p.registry.permissions.get(perm);
    if (!def) errors.push({ path: `body.permissions.${i}`, message: `Unknown permission ${perm}`, code: 'unknown_permission' });
    else if (!def.tokenGrantable)
      errors.push({ path: `body.permissions.${i}`, message: `${perm} cannot be given to a machine client`, code: 'not_token_grantable' });
  });
  if (input.regionCode !== null && !isRegionCode(input.regionCode))
    errors.push({ path: 'body.regionCode', message: 'Unknown region', code: 'unknown_region' });
  if (ctx.actor.regionCode !== null && input.regionCode !== ctx.actor.regionCode)
    errors.push({ path: 'body.regionCode', message: 'Out of your region', code: 'out_of_scope' });
  return p.db.transaction().execute(async (tx) => {
    const org = await repo.findOrganisationByCode(tx, input.organisationCode);
    if (!org) errors.push({ path: 'body.organisationCode', message: 'Unknown organisation', code: 'unknown_organisation' });
    if (errors.length) throw new AppError('validation_failed', 'Invalid token request', { errors });
    const secret = `tt_${randomToken(32)}`;
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    const { id } = await repo.insertToken(tx, {
      name: input.name,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, 10),
      organisationId: org!.id,
      regionCode: input.regionCode,
      permissions: [...new Set(input.permissions)].sort(),
      createdBy: ctx.actor.userId,
      expiresAt,
    });
    await recordAudit(tx, ctx, {
      action: 'token.create',
      resourceType: 'api_token',
      resourceId: id,
      regionCode: input.regionCode,
      details: { name: input.name, organisation: input.organisationCode, permissions: input.permissions },
    });
    const row = await repo.findTokenById(tx, ctx.actor, id);
    return { token: secret, record: presentToken(row!) };
  });
}

export async function revokeToken(p: Platform, ctx: RequestContext, id: string, onRevoked: () => void): Promise<void> {
  requirePermission(ctx.actor, 'tokens.manage');
  await p.db.transaction().execute(async (tx) => {
    const row = await repo.findTokenById(tx, ctx.actor, id);
    if (!row) throw notFound('token');
    await repo.revokeToken(tx, id);
    await recordAudit(tx, ctx, { action: 'token.revoke', resourceType: 'api_token', resourceId: id, regionCode: row.region_code });
  });
  onRevoked();
}
