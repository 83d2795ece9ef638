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
