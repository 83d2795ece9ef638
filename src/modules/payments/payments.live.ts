import type { Platform } from '../../kernel/platform.ts';
import { isIssue, parseTxFields } from './engine/csv.ts';
import { PaymentsEngine } from './engine/engine.ts';
import { CASH, type AccountResult, type RowIssue, type Tx } from './engine/types.ts';
import { engineIdOfHash, IdentifierCodec, maskPseudonyms } from './payments.identifiers.ts';
import { allWatchEntries } from './payments.repository.ts';
import type { TxInput } from './payments.schema.ts';

/** API input → the engine's fields, validated by the same rules as the CSV (messages never echo ids). */
export function txFromInput(t: TxInput): Tx | RowIssue {
  return parseTxFields(
    [t.txId, t.timestamp, t.payerAccount, t.payeeAccount, String(t.amount), t.currency, t.channel, t.payerBank, t.payeeBank],
    0,
  );
}

/** A transaction with card and phone numbers replaced by keyed pseudonyms (what engines and NATS see). */
export function pseudonymise(tx: Tx, codec: IdentifierCodec): Tx {
  return { ...tx, payer: codec.engineId(tx.payer), payee: tx.payee === CASH ? CASH : codec.engineId(tx.payee) };
}

/** The account a decision is about: the payee, or the payer of a cash withdrawal. */
export const decidedAccount = (tx: Tx) => (tx.payee === CASH ? tx.payer : tx.payee);

/**
 * The process's real-time engine: fed by API batches and decisions, answering per-account scores at
 * once (no reordering: rows apply as they come). It starts empty with the stored watchlist; it is not
 * rebuilt from stored transactions, and each API process has its own (the NATS workers are the
 * scale-out path).
 */
export class LiveScorer {
  readonly engine = new PaymentsEngine({ reorderCapacity: 0 });
  readonly codec: IdentifierCodec;
  private ready: Promise<void> | null = null;
  constructor(private readonly p: Platform) {
    this.codec = new IdentifierCodec(p.secrets);
  }

  /** Loads the watchlist once (first use). */
  init(): Promise<void> {
    this.ready ??= allWatchEntries(this.p.db).then((rows) => {
      for (const w of rows)
        this.engine.addWatch({ identifier: engineIdOfHash(w.identifier_hash, w.identifier_last4), type: w.type, source: w.source });
    });
    return this.ready;
  }

  /** Applies a validated transaction; false when its id was seen before by this engine. */
  apply(tx: Tx): boolean {
    return this.engine.ingest(pseudonymise(tx, this.codec));
  }

  /** The live result of a clear identifier, reasons masked; null when never seen. */
  score(account: string): AccountResult | null {
    const r = this.engine.liveResult(this.codec.engineId(account));
    return r && { ...r, account, reasons: r.reasons.map(maskPseudonyms) };
  }
}

const scorers = new WeakMap<Platform, LiveScorer>();
/** The live scorer of this platform (one per process and database). */
export function liveScorer(p: Platform): LiveScorer {
  let s = scorers.get(p);
  if (!s) {
    s = new LiveScorer(p);
    scorers.set(p, s);
  }
  return s;
}

export { isIssue };
