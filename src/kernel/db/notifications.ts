import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle, Executor } from './database.ts';

type Handler = (payload: Record<string, unknown>) => void;
type Subscriber = { message: Handler; resync?: () => void };

/** Waits before reopening a lost listening connection: doubling from the first to the last. */
const RECONNECT_MS = { first: 250, max: 30_000 };

/**
 * Tells the other processes on the same PostgreSQL database that something they hold in memory changed
 * (an activated rule set, a new feed), with PostgreSQL's LISTEN/NOTIFY: `send` in the transaction that
 * makes the change, so it is delivered only if and when that transaction commits. A process does not
 * hear its own notifications (it applied the change itself). On the embedded engine there is one
 * process, so nothing is sent or heard. A lost listening connection (server restart, failover, an
 * administrator ending the session) is reopened, with a growing wait, and every subscriber's `resync`
 * runs once it listens again: what was sent meanwhile is lost, so subscribers reload from the database.
 */
export class Notifications {
  readonly #handle: DatabaseHandle;
  readonly #origin = randomUUID();
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  readonly #listens = new Map<string, Promise<void>>();
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client | null> | null = null;
  #closed = false;
  #retryMs = RECONNECT_MS.first;
  #retry: NodeJS.Timeout | undefined;
  /** How many times the listening connection was reopened (for operators and tests). */
  reconnects = 0;

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
   * Calls `handler` for every notification on `channel` from another process (a dedicated connection),
   * and `resync` after the connection was lost and reopened; resolves once the channel is listened to.
   */
  subscribe(channel: string, handler: Handler, resync?: () => void): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) return Promise.reject(new Error(`bad channel name ${channel}`));
    if (!this.isShared || this.#closed) return Promise.resolve();
    let set = this.#subscribers.get(channel);
    if (!set) this.#subscribers.set(channel, (set = new Set()));
    set.add({ message: handler, resync });
    return this.#listen(channel);
  }

  /** One LISTEN per channel and connection; a second subscriber waits for the same one. */
  #listen(channel: string): Promise<void> {
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
      const client = new pg.Client({ connectionString: this.#handle.url, application_name: 'tartip-notifications' });
      client.on('notification', (m) => this.#deliver(m.channel, m.payload));
      client.on('error', (e) => this.#lost(client, e));
      client.on('end', () => this.#lost(client));
      try {
        await client.connect();
      } catch (e) {
        this.#connecting = null;
        throw e;
      }
      if (this.#closed) {
        await client.end();
        return null;
      }
      this.#client = client;
      return client;
    })();
    return this.#connecting;
  }

  /** The listening connection broke: forget it and reopen it later. */
  #lost(client: pg.Client, e?: Error): void {
    if (this.#closed || this.#client !== client) return;
    process.stderr.write(`notifications: listening connection lost${e ? ` (${e.message})` : ''}; reopening\n`);
    this.#client = null;
    this.#connecting = null;
    this.#listens.clear();
    client.end().catch(() => undefined);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#reconnect();
    }, this.#retryMs);
    this.#retry.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, RECONNECT_MS.max);
  }

  async #reconnect(): Promise<void> {
    try {
      await Promise.all([...this.#subscribers.keys()].map((channel) => this.#listen(channel)));
    } catch (e) {
      process.stderr.write(`notifications: cannot listen again yet (${(e as Error).message})\n`);
      this.#listens.clear();
      this.#scheduleReconnect();
      return;
    }
    if (this.#closed) return;
    this.#retryMs = RECONNECT_MS.first;
    this.reconnects++;
    for (const set of this.#subscribers.values())
      for (const s of set) {
        try {
          s.resync?.();
        } catch (e) {
          process.stderr.write(`notifications: resync failed: ${(e as Error).message}\n`);
        }
      }
  }

  #deliver(channel: string, text: string | undefined): void {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(text ?? '{}') as Record<string, unknown>;
    } catch {
      return;
    }
    if (payload.origin === this.#origin) return;
    for (const s of this.#subscribers.get(channel) ?? []) {
      try {
        s.message(payload);
      } catch (e) {
        process.stderr.write(`notifications: handler on ${channel} failed: ${(e as Error).message}\n`);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    const c = this.#client;
    this.#client = null;
    if (c) await c.end().catch(() => undefined);
  }
}
