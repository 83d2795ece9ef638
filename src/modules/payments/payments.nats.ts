import fs from 'node:fs';
import { AckPolicy, connect, DeliverPolicy, type JsMsg, type NatsConnection } from 'nats';
import { isHeader, isIssue, parseTxFields, RecordSplitter, splitFields } from './engine/csv.ts';
import { PaymentsEngine, type WatchEntry } from './engine/engine.ts';
import { HolderLinks } from './engine/links.ts';
import { CASH, type AccountResult, type Tx } from './engine/types.ts';
import { maskPseudonyms, type IdentifierCodec } from './payments.identifiers.ts';
import { pseudonymise } from './payments.live.ts';
import type { AlertSink } from './payments.alerts.ts';

/** Stream and subject prefix (tests use their own, so parallel runs never share a stream). */
export type Topology = { stream: string; prefix: string };
export const DEFAULT_TOPOLOGY: Topology = { stream: 'PAYMENTS', prefix: 'payments' };
export const subjectOf = (partition: number, t: Topology = DEFAULT_TOPOLOGY) => `${t.prefix}.tx.${partition}`;

/** FNV-1a of an (already pseudonymised) account, modulo the partition count. */
export function partitionOf(account: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < account.length; i++) h = Math.imul(h ^ account.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

/** The stream holds pseudonymised transactions only (keyed hashes): never a card number in clear. */
export async function ensureStream(nc: NatsConnection, t: Topology = DEFAULT_TOPOLOGY): Promise<void> {
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.streams.info(t.stream);
  } catch {
    await jsm.streams.add({ name: t.stream, subjects: [`${t.prefix}.tx.*`] });
  }
}

export const connectNats = (url: string) => connect({ servers: url, timeout: 2000, reconnect: false });

/**
 * Publishes a transactions CSV, partitioned by the payee's pseudonym. A transfer whose payer lives in
 * another partition is also sent there, so each partition sees both sides of the accounts it owns
 * (pass-through needs credits and debits); JetStream de-duplicates by `txId:partition`.
 */
export async function publishFile(
  nc: NatsConnection,
  file: string,
  codec: IdentifierCodec,
  partitions: number,
  log: (line: string) => void,
  t: Topology = DEFAULT_TOPOLOGY,
  /** The KYC link feed: a holder's accounts go to one partition (its workers must be given the same). */
  links: HolderLinks = new HolderLinks([], false),
): Promise<{ rows: number; published: number; badRows: number }> {
  await ensureStream(nc, t);
  const js = nc.jetstream();
  const out = { rows: 0, published: 0, badRows: 0 };
  let pending: Promise<unknown>[] = [];
  const sp = new RecordSplitter((buf, s, e, line) => {
    if (e <= s) return;
    const fields = splitFields(buf, s, e);
    if (line === 1 && isHeader(fields)) return;
    out.rows++;
    const r = parseTxFields(fields, line);
    if (isIssue(r)) {
      out.badRows++;
      log(`line ${r.line}: ${r.message}; row skipped`);
      return;
    }
    const tx = pseudonymise(r, codec);
    // Keyed hashes of both sides (pseudonyms too) let a worker key its alerts like the API does.
    const msg: TxMessage = { ...tx, hashes: [codec.hashOf(r.payer), r.payee === CASH ? '' : codec.hashOf(r.payee)] };
    const data = new TextEncoder().encode(JSON.stringify(msg));
    const side = (a: string) => partitionOf(links.entity(a), partitions);
    const targets = new Set([side(tx.payee === CASH ? tx.payer : tx.payee), side(tx.payer)]);
    for (const p of targets) {
      pending.push(js.publish(subjectOf(p, t), data, { msgID: `${tx.id}:${p}` }));
      out.published++;
    }
  });
  for await (const buf of fs.createReadStream(file, { highWaterMark: 1 << 18 })) {
    sp.feed(buf as Buffer);
    await Promise.all(pending);
    pending = [];
  }
  sp.end();
  await Promise.all(pending);
  return out;
}

/** What a stream message carries: the pseudonymised transaction plus the keyed hashes of payer and payee. */
export type TxMessage = Tx & {
  hashes?: [string, string];
  /** In a worker with KYC links: payer and payee as published, before they became their holders. */
  published?: [string, string];
};

export type PartitionStats = { partition: number; replayed: number; applied: number; redelivered: number; alerts: number };

/**
 * One partition's worker: a durable pull consumer; each message is acked after the engine applied it.
 * On start the engine is rebuilt by replaying the partition up to the consumer's ack floor (ordered,
 * not acked), so a killed worker resumes where it stopped; the engine's tx_id seen-set makes
 * redeliveries (applied, ack lost) count once.
 */
export class PartitionWorker {
  readonly engine: PaymentsEngine;
  readonly stats: PartitionStats;
  constructor(
    readonly partition: number,
    readonly partitions: number,
    watchlist: readonly WatchEntry[],
    private readonly t: Topology = DEFAULT_TOPOLOGY,
    /** How long an unacked message waits before redelivery (a killed worker's in-flight batch). */
    private readonly ackWaitMs = 30_000,
    /**
     * The KYC link feed, as the publisher had it: a holder's accounts are one entity to the engine and
     * share a partition; transfers between them are left out; results come back one line per account.
     */
    private readonly links: HolderLinks = new HolderLinks([]),
  ) {
    this.engine = new PaymentsEngine({
      reorderCapacity: 4096,
      watchlist: links.watchlist(watchlist),
      onApply: (tx) => this.applied.push(tx as TxMessage),
    });
    this.stats = { partition, replayed: 0, applied: 0, redelivered: 0, alerts: 0 };
  }

  get durable(): string {
    return `${this.t.prefix}-worker-${this.partitions}-${this.partition}`;
  }

  private decode(m: JsMsg): TxMessage {
    return JSON.parse(new TextDecoder().decode(m.data)) as TxMessage;
  }

  /** Applies a message (as its holders' entities); false when seen before. An internal move counts as applied. */
  private ingest(m: TxMessage): boolean {
    const tx = this.links.apply(m) as TxMessage | null;
    if (tx === null) return true;
    if (tx !== m) tx.published = [m.payer, m.payee];
    return this.engine.ingest(tx);
  }

  /** The partition an account (or entity) belongs to. */
  private owns(account: string): boolean {
    return partitionOf(this.links.entity(account), this.partitions) === this.partition;
  }

  // Transactions the engine applied since the last look (released by its reorder buffer).
  private applied: TxMessage[] = [];
  // Highest score alerted per owned account's hash (an alert is raised again only when the score rises).
  private readonly alerted = new Map<string, number>();

  /**
   * Live scores of this partition's sides of the transactions just applied; flagged ones go to the
   * sink (without a sink, as in the replay, they are only remembered as alerted).
   */
  private async raiseAlerts(sink?: AlertSink): Promise<void> {
    const txs = this.applied;
    this.applied = [];
    for (const tx of txs) {
      // [entity scored, account as published, its keyed hash]
      const sides: [string, string, string][] = [[tx.payer, tx.published?.[0] ?? tx.payer, tx.hashes?.[0] ?? '']];
      if (tx.payee !== CASH) sides.push([tx.payee, tx.published?.[1] ?? tx.payee, tx.hashes?.[1] ?? '']);
      for (const [entity, account, hash] of sides) {
        if (!hash || !this.owns(entity)) continue;
        const found = this.engine.liveResult(entity);
        const r = found && entity !== account ? { ...found, account } : found;
        // keyed by the account's hash: each account of a linked holder gets its own alert
        if (!r?.flag || r.score <= (this.alerted.get(hash) ?? 0)) continue;
        if (sink) {
          await sink({ ...r, reasons: r.reasons.map(maskPseudonyms) }, hash);
          this.stats.alerts++;
        }
        this.alerted.set(hash, r.score);
      }
    }
  }

  /** Replays what this worker's consumer had already acknowledged (rebuilds the engine after a restart). */
  async replay(nc: NatsConnection): Promise<void> {
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();
    const subject = subjectOf(this.partition, this.t);
    await jsm.consumers.add(this.t.stream, {
      durable_name: this.durable,
      ack_policy: AckPolicy.Explicit,
      filter_subject: subject,
      max_ack_pending: 10_000,
      ack_wait: this.ackWaitMs * 1_000_000,
    });
    const floor = (await jsm.consumers.info(this.t.stream, this.durable)).ack_floor.stream_seq;
    if (floor === 0) return;
    // A throw-away pull consumer without acks reads the partition from the start up to the floor.
    const tmp = `${this.durable}-replay-${Date.now()}`;
    await jsm.consumers.add(this.t.stream, {
      durable_name: tmp,
      ack_policy: AckPolicy.None,
      filter_subject: subject,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: 60_000_000_000,
    });
    try {
      const c = await js.consumers.get(this.t.stream, tmp);
      let last = 0;
      while (last < floor) {
        const batch = await c.fetch({ max_messages: 1000, expires: 2000 });
        let n = 0;
        for await (const m of batch) {
          n++;
          last = m.seq;
          if (m.seq > floor) break;
          this.ingest(this.decode(m));
          this.stats.replayed++;
          // What was alerted before the restart is known from the replay (the sink is idempotent anyway).
          await this.raiseAlerts();
        }
        if (n === 0) break;
      }
    } finally {
      await jsm.consumers.delete(this.t.stream, tmp).catch(() => undefined);
    }
  }

  /** Consumes until `signal` aborts or nothing arrived for `idleMs`. Acks after applying. */
  async run(
    nc: NatsConnection,
    opts: { idleMs?: number; signal?: AbortSignal; onApplied?: () => void; onAlert?: AlertSink } = {},
  ): Promise<void> {
    const js = nc.jetstream();
    const c = await js.consumers.get(this.t.stream, this.durable);
    for (;;) {
      if (opts.signal?.aborted) return;
      const batch = await c.fetch({ max_messages: 500, expires: Math.min(opts.idleMs ?? 5000, 5000) });
      let n = 0;
      for await (const m of batch) {
        n++;
        if (this.ingest(this.decode(m))) this.stats.applied++;
        else this.stats.redelivered++;
        if (opts.onAlert) await this.raiseAlerts(opts.onAlert);
        else this.applied.length = 0;
        m.ack();
        opts.onApplied?.();
        if (opts.signal?.aborted) break;
      }
      if (n === 0) {
        // Idle: nothing is waiting to be reordered against, so apply the buffer and alert on it.
        this.engine.flush();
        if (opts.onAlert) await this.raiseAlerts(opts.onAlert);
        else this.applied.length = 0;
        if (opts.idleMs !== undefined) return;
      }
    }
  }

  /** Results for the accounts this partition owns (pseudonyms; reasons masked). */
  results(): AccountResult[] {
    return this.links
      .expand(this.engine.results())
      .filter((r) => this.owns(r.account))
      .map((r) => ({ ...r, reasons: r.reasons.map(maskPseudonyms) }));
  }
}
