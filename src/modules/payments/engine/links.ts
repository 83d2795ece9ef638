import { watchKey, type WatchEntry } from './engine.ts';
import { CASH, maskAccount, type AccountResult, type Tx } from './types.ts';

/** One row of a KYC link feed: an account and a pseudonym of its holder. */
export type HolderLink = { account: string; holder: string };

const PREFIX = 'holder:';

/**
 * Accounts of one holder scored as one entity (a KYC link feed: banks know which card a phone transfer
 * lands on and who holds an IBAN). A drop's phone that only receives and its card that only sends are
 * one account to the rules, so pass-through and timing become visible; transfers between a holder's own
 * accounts are internal moves and are left out. Every account is still reported on its own line, with its
 * holder's score. Pure: the caller reads the feed.
 */
export class HolderLinks {
  private readonly holderOf = new Map<string, string>();
  /** Entity → the accounts of it that appeared in the transactions, in order of appearance. */
  private readonly members = new Map<string, string[]>();
  private readonly seen = new Set<string>();
  /** Transfers between one holder's own accounts (not fed to the engine). */
  internal = 0;

  /** `trackMembers: false` for a live engine, which answers per account and never expands results. */
  constructor(
    links: Iterable<HolderLink>,
    private readonly trackMembers = true,
  ) {
    for (const l of links) this.holderOf.set(watchKey(l.account), PREFIX + l.holder);
  }

  get size(): number {
    return this.holderOf.size;
  }

  /** The entity an account is scored as: its holder when linked, itself otherwise. */
  entity(account: string): string {
    if (account === CASH) return account;
    return this.holderOf.get(watchKey(account)) ?? account;
  }

  private note(account: string, entity: string): void {
    if (!this.trackMembers || entity === account || this.seen.has(account)) return;
    this.seen.add(account);
    const list = this.members.get(entity);
    if (list) list.push(account);
    else this.members.set(entity, [account]);
  }

  /** The transaction with payer and payee replaced by their entities, or null for an internal move. */
  apply(tx: Tx): Tx | null {
    if (this.holderOf.size === 0) return tx; // no feed (the live engine's usual case): nothing to map
    const payer = this.entity(tx.payer);
    const payee = this.entity(tx.payee);
    this.note(tx.payer, payer);
    this.note(tx.payee, payee);
    if (payer === payee && payer !== tx.payer) {
      this.internal++;
      return null;
    }
    return payer === tx.payer && payee === tx.payee ? tx : { ...tx, payer, payee };
  }

  /** A watchlist entry keyed by entity, so a listed phone marks the holder of that phone. */
  watchEntry(w: WatchEntry): WatchEntry {
    const e = this.entity(w.identifier);
    return e.startsWith(PREFIX) ? { ...w, identifier: e, label: `${w.label ?? `${w.type} ${maskAccount(w.identifier)}`} (its holder)` } : w;
  }

  watchlist(entries: readonly WatchEntry[]): WatchEntry[] {
    return entries.map((w) => this.watchEntry(w));
  }

  /** Per-entity results back to one line per account that appeared, each with its holder's verdict. */
  expand(results: readonly AccountResult[]): AccountResult[] {
    const out: AccountResult[] = [];
    for (const r of results) {
      if (!r.account.startsWith(PREFIX)) {
        out.push(r);
        continue;
      }
      const accounts = this.members.get(r.account) ?? [];
      const linked = accounts.length > 1 ? [`scored with ${accounts.length - 1} linked account(s) of the same holder (KYC link)`] : [];
      for (const account of accounts) out.push({ ...r, account, reasons: [...r.reasons, ...linked].slice(0, 6) });
    }
    return out;
  }
}
