/** Shared data shapes of the payments scoring engine (pure: no I/O anywhere in engine/). */

export const CHANNELS = ['card_p2p', 'phone_transfer', 'bank_transfer', 'card_purchase', 'cash_withdrawal', 'crypto_exchange'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channel codes as small integers (index into CHANNELS). */
export const CH = {
  card_p2p: 0,
  phone_transfer: 1,
  bank_transfer: 2,
  card_purchase: 3,
  cash_withdrawal: 4,
  crypto_exchange: 5,
} as const satisfies Record<Channel, number>;

/** The pseudo-account of cash withdrawals: never an account of its own. */
export const CASH = 'CASH';

/** One parsed transaction. `ts` is epoch ms; `localHour` is the hour as written (the payer's local clock). */
export type Tx = {
  id: string;
  ts: number;
  localHour: number;
  payer: string;
  payee: string;
  amount: number;
  currency: string;
  channel: number;
  payerBank: string;
  payeeBank: string;
  /** 1-based line of the input where the record starts (0 when fed through the API). */
  line: number;
};

export const ROLES = ['drop', 'collector', 'cashout', 'shop_owner'] as const;
export type Role = (typeof ROLES)[number];

/** The result for one account, as the CLI writes it (one JSON line each). */
export type AccountResult = {
  account: string;
  score: number;
  flag: boolean;
  role: Role | null;
  reasons: string[];
  /** Ids of the rule-set rules that fired (not written by the CLI, whose line format is fixed). */
  rules: string[];
};

/** A problem with one input row: reported with its line number, the row is skipped. */
export type RowIssue = { line: number; message: string };

/** Masks card-like identifiers (12–19 digits) as ****1234; other identifiers are returned unchanged. */
export function maskAccount(id: string): string {
  let digits = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits >= 12) return `****${id.slice(-4)}`;
  return id;
}
