import type { Secrets } from '../../kernel/secrets.ts';
import { watchKey } from './engine/engine.ts';

/** Purpose string of every keyed hash of a payment identifier (cards, phones, wallets). */
export const IDENTIFIER_PURPOSE = 'payment-identifier';

/** A card number: 12–19 digits, optionally grouped by spaces or dashes (phone numbers start with +). */
export function isCardLike(id: string): boolean {
  return /^\d[\d -]{10,22}\d$/.test(id) && /^\d{12,19}$/.test(id.replace(/[ -]/g, ''));
}

/** How an identifier is stored: card numbers as keyed hash + last four digits, anything else as given. */
export type StoredIdentifier = { value: string; last4: string | null };

/**
 * Keyed hashes are costly at a million rows; accounts repeat, so a bounded cache keeps them.
 * The cache lives in memory only and is dropped when it grows past `max`.
 */
export class IdentifierCodec {
  /** Identifier as written → how it is stored (cards hashed, anything else as given): one lookup a row. */
  private readonly stores = new Map<string, Readonly<StoredIdentifier>>();
  private readonly keys = new Map<string, string>();
  constructor(
    private readonly secrets: Secrets,
    private readonly max = 500_000,
  ) {}

  /** Keyed hash of the identifier's match key (digits of cards and phones, lower-cased otherwise). */
  hashOf(id: string): string {
    const k = watchKey(id);
    let h = this.keys.get(k);
    if (h === undefined) {
      if (this.keys.size >= this.max) this.keys.clear();
      h = this.secrets.keyedHash(k, IDENTIFIER_PURPOSE);
      this.keys.set(k, h);
    }
    return h;
  }

  /** What goes into a table column: keyed hash + last four for card numbers, else the value as given. */
  stored(id: string): Readonly<StoredIdentifier> {
    let s = this.stores.get(id);
    if (s === undefined) {
      if (this.stores.size >= this.max) this.stores.clear();
      s = isCardLike(id) ? { value: this.hashOf(id), last4: id.slice(-4) } : { value: id, last4: null };
      this.stores.set(id, s);
    }
    return s;
  }

  /** The pseudonym the live engine works on: never a card or phone number in clear. */
  engineId(id: string): string {
    return engineIdOfHash(this.hashOf(id), lastFour(id));
  }
}

export const lastFour = (id: string) => id.replace(/[^0-9A-Za-z]/g, '').slice(-4);

// Hex digits mapped to letters so the engine's watchlist key (digits-only for ≥ 10 digits) keeps the
// pseudonym whole; the last four stay readable for analysts.
const LETTERS = 'ghijklmnop';
/** Pseudonym from a stored keyed hash and last four (the watchlist keeps only these). */
export function engineIdOfHash(hash: string, last4: string): string {
  return `${hash.slice(0, 24).replace(/[0-9]/g, (d) => LETTERS[Number(d)] as string)}:${last4}`;
}

const PSEUDONYM = /\b[a-p]{24}:([0-9A-Za-z]{0,4})\b/g;
/** Replaces engine pseudonyms in reasons by `****1234`. */
export function maskPseudonyms(text: string): string {
  return text.replace(PSEUDONYM, (_m, l4: string) => `****${l4}`);
}

/** How a stored identifier is shown: `****1234` for hashed card numbers, else as stored. */
export function displayIdentifier(value: string, last4: string | null): string {
  return last4 === null ? value : `****${last4}`;
}
