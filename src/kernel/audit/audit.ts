import { createHash } from 'node:crypto';
import { sql, type Generated, type Selectable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Executor, Tx } from '../db/database.ts';
import { canonicalJson } from './canonical.ts';

declare module '../db/schema.ts' {
  interface Database {
    audit_log: AuditLogTable;
    tartip_settings: { key: string; value: unknown; updated_at: Generated<Date> };
  }
}

export type AuditLogTable = {
  seq: number;
  at: Date;
  actor_kind: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_username: string;
  organisation_code: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  region_code: string | null;
  purpose: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};
export type AuditRow = Selectable<AuditLogTable>;

/** One thing that happened. `action` is `resource.verb` (e.g. `settlement.update`, `user.read`). */
export type AuditEvent = {
  action: `${string}.${string}`;
  resourceType: string;
  resourceId?: string | null;
  regionCode?: string | null;
  /** Why a sensitive record was opened, where a purpose is required. */
  purpose?: string | null;
  /** What changed or was asked; never secrets, never card numbers in clear. */
  details?: Record<string, unknown>;
};

export type AuditContext = { actor: Actor; requestId?: string | null };

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 781_245_002;

type HashedFields = Omit<AuditLogTable, 'hash' | 'at'> & { at: string };

function hashEntry(fields: HashedFields): string {
  const { prev_hash, ...rest } = fields;
  return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(rest)).digest('hex');
}

/** The fields of an entry before it has a place in the chain. */
export type AuditFields = Omit<HashedFields, 'seq' | 'prev_hash'>;

/** What an event by an actor becomes, stamped now. */
export function auditFields(ctx: AuditContext, event: AuditEvent, at = new Date()): AuditFields {
  const { actor } = ctx;
  return {
    at: at.toISOString(),
    actor_kind: actor.kind,
    actor_user_id: actor.userId,
    actor_token_id: actor.tokenId,
    actor_username: actor.username,
    organisation_code: actor.organisationCode,
    action: event.action,
    resource_type: event.resourceType,
    resource_id: event.resourceId ?? null,
    region_code: event.regionCode ?? null,
    purpose: event.purpose ?? null,
    request_id: ctx.requestId ?? null,
    details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
  };
}

export const CHAIN_LOCK_KEY = CHAIN_LOCK;

/** The chain's last entry (call under the chain lock). */
export function chainHead(tx: Tx): Promise<{ seq: number; hash: string } | undefined> {
  return tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Links entries after `head`, in order, and inserts them (call under the chain lock). */
export async function appendChained(
  tx: Tx,
  head: { seq: number; hash: string } | undefined,
  entries: readonly AuditFields[],
): Promise<{ seq: number; hash: string }> {
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? GENESIS_HASH;
  const rows = entries.map((e) => {
    const fields: HashedFields = { ...e, seq: ++seq, prev_hash: prev };
    const hash = hashEntry(fields);
    prev = hash;
    return { ...fields, at: new Date(fields.at), details: JSON.stringify(fields.details) as never, hash };
  });
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 500))
      .execute();
  return { seq, hash: prev };
}

/**
 * Appends an audit entry inside the caller's transaction, chained to the previous entry by SHA-256.
 * The chain lock serialises writers for the instant between reading the head and inserting.
 * High-rate machine actions use `recordAuditDeferred` (pending.ts) instead, which is sealed into the
 * chain within a second.
 */
export async function recordAudit(tx: Tx, ctx: AuditContext, event: AuditEvent): Promise<{ seq: number; hash: string }> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
  return appendChained(tx, await chainHead(tx), [auditFields(ctx, event)]);
}

export type VerifyResult = {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: { seq: number; reason: string } | null;
};

/** Walks the whole chain in order and names the first entry that was edited, removed or moved. */
export async function verifyAuditChain(db: Executor, onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
  const totalRow = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const total = Number(totalRow?.n ?? 0);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let last: { seq: number; hash: string } | null = null;
  const batch = 2000;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: string): VerifyResult => ({ ok: false, checked, head: last, firstBroken: { seq, reason } });
      if (seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          head: last,
          firstBroken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (deleted); next present entry is ${seq}` },
        };
      }
      if (row.prev_hash !== prevHash) return broken('prev_hash does not match the previous entry (entry removed or reordered)');
      const { hash, at, ...rest } = row;
      const recomputed = hashEntry({ ...rest, seq, at: new Date(at).toISOString() });
      if (recomputed !== hash) return broken('content does not match its hash (entry edited)');
      prevHash = hash;
      last = { seq, hash };
      expectedSeq = seq + 1;
      checked++;
    }
    onProgress?.(checked, total);
  }
  return { ok: true, checked, head: last, firstBroken: null };
}
