import { CompiledQuery, sql } from 'kysely';
import { PgBoss, fromPglite } from 'pg-boss';
import type { z } from 'zod';
import type { DatabaseHandle, Executor } from '../db/database.ts';

/** A background job that a module defines: validated payload, handler, retry policy, optional schedule. */
export type JobDef<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handler: (data: z.infer<S>, meta: { id: string; retryCount: number }) => Promise<unknown>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Cron expression (UTC) for a recurring job. */
  cron?: string;
  description: string;
};

export type JobSummary = {
  id: string;
  name: string;
  state: string;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
  retryCount: number;
};
export type QueueSummary = { name: string; queued: number; active: number; completed: number; failed: number; total: number };

function toIso(d: Date | string | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}

type JobTimes = {
  id: string;
  name: string;
  state: string;
  createdOn: Date | string;
  startedOn: Date | string | null;
  completedOn: Date | string | null;
  retryCount: number;
};

function summary(j: JobTimes): JobSummary {
  return {
    id: j.id,
    name: j.name,
    state: j.state,
    createdOn: toIso(j.createdOn) ?? '',
    startedOn: toIso(j.startedOn),
    completedOn: toIso(j.completedOn),
    retryCount: Number(j.retryCount),
  };
}

/** pg-boss on either engine; modules register job definitions, `start({ work: true })` runs the workers. */
export class Jobs {
  readonly #handle: DatabaseHandle;
  readonly #defs = new Map<string, JobDef>();
  #boss: PgBoss | undefined;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
  }

  define<S extends z.ZodType>(def: JobDef<S>): void {
    if (this.#defs.has(def.name)) throw new Error(`Job ${def.name} defined twice`);
    this.#defs.set(def.name, def as unknown as JobDef);
  }

  get definitions(): readonly JobDef[] {
    return [...this.#defs.values()];
  }

  get isStarted(): boolean {
    return this.#boss !== undefined;
  }

  /** Installs pg-boss's schema, creates the queues and, with `work`, starts a worker per queue. */
  async start(opts: { work: boolean; schedule?: boolean }): Promise<void> {
    if (this.#boss) return;
    const h = this.#handle;
    const boss =
      h.engine === 'pglite' && h.pglite
        ? new PgBoss({ db: fromPglite(h.pglite), backend: 'pglite', supervise: opts.work, schedule: opts.schedule ?? opts.work })
        : new PgBoss({ connectionString: h.url ?? '', max: 3, supervise: opts.work, schedule: opts.schedule ?? opts.work });
    boss.on('error', (e: Error) => {
      process.stderr.write(`[jobs] ${e.message}\n`);
    });
    await boss.start();
    this.#boss = boss;
    for (const def of this.#defs.values()) {
      await boss.createQueue(def.name, {
        retryLimit: def.retryLimit ?? 3,
        retryDelay: def.retryDelaySeconds ?? 30,
        retryBackoff: true,
      });
      if (opts.work) {
        await boss.work(def.name, { batchSize: 1 }, async (jobs) => {
          for (const job of jobs) {
            const data = def.schema.parse(job.data);
            return def.handler(data, { id: job.id, retryCount: (job as { retryCount?: number }).retryCount ?? 0 });
          }
          return undefined;
        });
        if (def.cron && (opts.schedule ?? true)) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
      }
    }
  }

  async stop(): Promise<void> {
    const boss = this.#boss;
    this.#boss = undefined;
    if (boss) await boss.stop({ graceful: true, timeout: 5000 });
  }

  #require(): PgBoss {
    if (!this.#boss) throw new Error('Jobs are not started');
    return this.#boss;
  }

  /**
   * Enqueues a job. Given a transaction, the job is written in it and exists only if it commits
   * (so a record and the work it triggers never come apart).
   */
  async send(
    name: string,
    data: object,
    // debounceSeconds: at most one job per key and time slot of that length; later sends go to the next slot
    opts: { tx?: Executor; singletonKey?: string; debounceSeconds?: number } = {},
  ): Promise<string | null> {
    const def = this.#defs.get(name);
    if (!def) throw new Error(`Unknown job ${name}`);
    const payload = def.schema.parse(data) as object;
    const boss = this.#require();
    const db = opts.tx
      ? {
          executeSql: async (text: string, values?: unknown[]) => {
            const r = await opts.tx!.executeQuery(CompiledQuery.raw(text, values ?? []));
            return { rows: r.rows as unknown[] };
          },
        }
      : undefined;
    return boss.send(name, payload, {
      ...(db ? { db } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.debounceSeconds ? { singletonSeconds: opts.debounceSeconds, singletonNextSlot: true } : {}),
    });
  }

  /** Counts per queue and the most recent jobs, for the status page. */
  async status(limit = 50): Promise<{ queues: QueueSummary[]; recent: JobSummary[] }> {
    this.#require(); // pg-boss must be started: its schema exists from then on
    const names = [...this.#defs.keys()];
    // live counts straight from pg-boss's job table (getQueues() only has the monitor's cached figures)
    const counts = await sql<{
      name: string;
      state: string;
      n: number;
    }>`select name, state::text as state, count(*)::int as n from pgboss.job where name = any(${names}) group by name, state`.execute(
      this.#handle.db,
    );
    const count = (name: string, ...states: string[]) =>
      counts.rows.filter((r) => r.name === name && states.includes(r.state)).reduce((a, r) => a + Number(r.n), 0);
    const latest = await sql<{
      id: string;
      name: string;
      state: string;
      created_on: Date;
      started_on: Date | null;
      completed_on: Date | null;
      retry_count: number;
    }>`
      select id, name, state::text as state, created_on, started_on, completed_on, retry_count
      from pgboss.job where name = any(${names}) order by created_on desc limit ${limit}`.execute(this.#handle.db);
    const recent = latest.rows.map((j) =>
      summary({
        id: j.id,
        name: j.name,
        state: j.state,
        createdOn: j.created_on,
        startedOn: j.started_on,
        completedOn: j.completed_on,
        retryCount: j.retry_count,
      }),
    );
    return {
      queues: names.map((name) => ({
        name,
        queued: count(name, 'created', 'retry'),
        active: count(name, 'active'),
        completed: count(name, 'completed'),
        failed: count(name, 'failed'),
        total: count(name, 'created', 'retry', 'active', 'completed', 'failed', 'cancelled'),
      })),
      recent: recent.slice(0, limit),
    };
  }

  /** Waits until the named job finished (tests and CLI). */
  async waitFor(name: string, id: string, timeoutMs = 15000): Promise<JobSummary> {
    const boss = this.#require();
    const until = Date.now() + timeoutMs;
    for (;;) {
      const j = await boss.getJobById(name, id);
      if (j && ['completed', 'failed', 'cancelled'].includes(j.state)) {
        return summary(j);
      }
      if (Date.now() > until) throw new Error(`Job ${name}/${id} did not finish in ${timeoutMs} ms (state ${j?.state ?? 'missing'})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
