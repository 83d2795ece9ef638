import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle, Executor } from './database.ts';

type Handler = (payload: Record<string, unknown>) => void;

/**
 * Tells the other processes on the same PostgreSQL database that something they hold in memory changed
 * (an activated rule set, a new feed), with PostgreSQL's LISTEN/NOTIFY: `send` in the transaction that
 * makes the change, so it is delivered only if and when that transaction commits. A process does not
 * hear its own notifications (it applied the change itself). On the embedded engine there is one
 * process, so nothing is sent or heard.
 */
export class Notifications {
  readonly #handle: DatabaseHandle;
  readonly #origin = randomUUID();
  readonly #handlers = new Map<string, Set<Handler>>();
  readonly #listens = new Map<string, Promise<void>>();
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client | null> | null = null;
  #closed = false;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
  }

  get isShared(): boolean {
    return this.#handle.engine === 'postgres' && this.#handle.url !== undefined;
  }

  /** Queues a notification in `tx` (sent on its commit). Channel: a lower-case identifier. */
  async send(tx: Executor, channel: string, payload: Record<string, unknown>): Promise<void> {
    if (!this.isShared) return;
    await sql`select pg_notify(${channel}, ${JSON.stringify({ ...payload, origin: this.#origin })})`.execute(tx);
  }

  /**
   * Calls `handler` for every notification on `channel` from another process (a dedicated connection);
   * resolves once the channel is listened to.
   */
  subscribe(channel: string, handler: Handler): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) return Promise.reject(new Error(`bad channel name ${channel}`));
    if (!this.isShared || this.#closed) return Promise.resolve();
    let set = this.#handlers.get(channel);
    if (!set) this.#handlers.set(channel, (set = new Set()));
    set.add(handler);
    // one LISTEN per channel; a second subscriber waits for the same one
    let listen = this.#listens.get(channel);
    if (!listen) {
      listen = this.#connect().then(async (client) => {
        if (client) await client.query(`listen ${channel}`);
      });
      this.#listens.set(channel, listen);
    }
    return listen;
  }

  #connect(): Promise<pg.Client | null> {
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#handle.url });
      await client.connect();
      client.on('notification', (m) => this.#deliver(m.channel, m.payload));
      // A lost listening connection is not reopened here: the process learns later changes at its next start.
      client.on('error', (e) => {
        process.stderr.write(`notifications: ${e.message}\n`);
        this.#client = null;
        this.#connecting = null;
        this.#listens.clear();
      });
      if (this.#closed) {
        await client.end();
        return null;
      }
      this.#client = client;
      return client;
    })();
    return this.#connecting;
  }

  #deliver(channel: string, text: string | undefined): void {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(text ?? '{}') as Record<string, unknown>;
    } catch {
      return;
    }
    if (payload.origin === this.#origin) return;
    for (const h of this.#handlers.get(channel) ?? []) {
      try {
        h(payload);
      } catch (e) {
        process.stderr.write(`notifications: handler on ${channel} failed: ${(e as Error).message}\n`);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const c = this.#client;
    this.#client = null;
    if (c) await c.end().catch(() => undefined);
  }
}
