import { randomBytes } from 'node:crypto';
import type { Platform } from '../../kernel/platform.ts';
import { upsertActiveAlert } from './payments.repository.ts';

/** Test factory: an open alert on a synthetic account. Alerts are national (FIU) records, not region-owned. */
export async function buildAlert(p: Platform, overrides: Partial<{ score: number; label: string }> = {}) {
  return upsertActiveAlert(p.db, {
    account_hash: randomBytes(32).toString('hex'),
    account_label: overrides.label ?? `****${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
    score: overrides.score ?? 0.8,
    role: 'drop',
    reasons: ['14 unique payers in 24h (synthetic)'],
    assignee: null,
  });
}

/**
 * SYNTHETIC CSV: a phone paid by 14 one-off payers at six banks, and a card that forwards each credit
 * to one recipient four minutes later. Scored apart they look like a taxi driver and a spender; linked
 * to one holder they are a drop. `payers`: the payers' phone prefix (7 digits follow it).
 */
export function splitDropCsv(o: { prefix: string; phone: string; card: string; day: number; payers: string; recipient: string }): string {
  const banks = ['KASPI', 'HALYK', 'JUSAN', 'BCC', 'FORTE', 'RBK'];
  const at = (min: number) => new Date(Date.UTC(2025, 8, o.day, 13, min)).toISOString().replace('.000Z', '+05:00');
  const lines = ['tx_id,timestamp,payer_account,payee_account,amount,currency,channel,payer_bank,payee_bank'];
  for (let i = 0; i < 14; i++) {
    const payer = `${o.payers}${String(i).padStart(4, '0')}`;
    lines.push(`${o.prefix}-IN${i},${at(i * 25)},${payer},${o.phone},${8000 + i * 100},KZT,phone_transfer,${banks[i % 6]},KASPI`);
    lines.push(`${o.prefix}-OUT${i},${at(i * 25 + 4)},${o.card},${o.recipient},${7800 + i * 100},KZT,card_p2p,KASPI,HALYK`);
  }
  return `${lines.join('\n')}\n`;
}
