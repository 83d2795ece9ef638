import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import {
  appendChained,
  auditFields,
  chainHead,
  CHAIN_LOCK_KEY,
  type AuditContext,
  type AuditEvent,
  type AuditFields,
  type AuditLogTable,
} from './audit.ts';

declare module '../db/schema.ts' {
  interface Database {
    audit_pending: AuditPendingTable;
  }
}

/** Entries written by high-rate machine actions, waiting (well under a second) for their place in the chain. */
export type AuditPendingTable = Omit<AuditLogTable, 'seq' | 'prev_hash' | 'hash'> & { id: Generated<number> };

/**
 * Writes an audit entry in the caller's transaction without taking the chain lock: it commits or rolls
 * back with the action it records, like `recordAudit`, and a sealer links it into the hash chain shortly
 * after. For actions that machines send hundreds of times a second (real-time payment decisions), where
 * queueing every request on the one chain lock until its commit would cost the latency target.
 */
export async function insertPendingAudit(tx: Executor, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await tx.insertInto('audit_pending').values(pendingAuditRow(ctx, event)).execute();
}

/**
 * The pending row of an event, for a caller that writes it in the same statement as its action (one round
 * trip, e.g. a data-modifying CTE); `details` is a JSON text for a `::jsonb` cast.
 */
export function pendingAuditRow(ctx: AuditContext, event: AuditEvent): Insertable<AuditPendingTable> {
  const f = auditFields(ctx, event);
  return { ...f, at: new Date(f.at), details: JSON.stringify(f.details) as never };
}

const fieldsOf = ({ id: _id, at, ...rest }: Selectable<AuditPendingTable>): AuditFields => ({
  ...rest,
  at: new Date(at).toISOString(),
});

/**
 * Moves committed pending entries into the chain, oldest first, in transactions of at most `batch`:
 * removed from the pending table and chained in the same transaction, so an entry is never lost or
 * chained twice, whichever process seals. Returns how many entries were sealed.
 */
export async function sealPendingAudit(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      await sql`select set_config('tartip.audit_seal', 'on', true), pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(tx);
      const rows = await tx
        .deleteFrom('audit_pending')
        .where('id', 'in', (qb) => qb.selectFrom('audit_pending').select('id').orderBy('id').limit(batch))
        .returningAll()
        .execute();
      if (rows.length === 0) return 0;
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      await appendChained(tx, await chainHead(tx), rows.map(fieldsOf));
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/**
 * A process's sealer: `record` writes a pending entry and schedules a seal `delayMs` later; seals run
 * one at a time. A cron job (`audit.seal`) catches entries left by a process that stopped first.
 */
export class AuditSealer {
  readonly #db: Db;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<number> = Promise.resolve(0);
  #stopped = false;

  constructor(db: Db, delayMs = 200) {
    this.#db = db;
    this.#delayMs = delayMs;
  }

  /** Writes the entry in `tx` (see insertPendingAudit) and schedules its sealing. */
  async record(tx: Executor, ctx: AuditContext, event: AuditEvent): Promise<void> {
    await insertPendingAudit(tx, ctx, event);
    this.schedule();
  }

  /** Schedules a seal (after a caller wrote a pending row itself, see pendingAuditRow). */
  schedule(): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch((e: unknown) => {
        process.stderr.write(`audit sealer: ${(e as Error).message}; retrying\n`);
        this.schedule();
      });
    }, this.#delayMs);
    this.#timer.unref();
  }

  /** Seals everything committed so far (after any seal already running). */
  flush(): Promise<number> {
    const run = this.#chain.catch(() => 0).then(() => sealPendingAudit(this.#db));
    this.#chain = run;
    return run;
  }

  /** Stops scheduling and seals what is left. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
