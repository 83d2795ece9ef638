import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { AccountResult } from './engine/types.ts';
import { maskPseudonyms } from './payments.identifiers.ts';
import { upsertActiveAlert } from './payments.repository.ts';

/**
 * Where alerts found outside a decision go (NATS workers, the graph pass): called when an account is
 * flagged, or its flagged score rises; a worker awaits it before the message is acked, so a crash
 * re-raises it (the sink must be idempotent per account, as pay_alerts is: one active alert per account).
 */
export type AlertSink = (r: AccountResult, accountHash: string) => Promise<void>;

/**
 * The alert sink of the NATS workers and the graph pass: opens the account's alert or raises its score
 * (pay_alerts keeps one active alert per account, so a redelivered message changes nothing), audited as
 * the system in the same transaction, with `source`. The label is the masked pseudonym (neither sees
 * identifiers in clear).
 */
export function alertWriter(p: Platform, source: 'nats-worker' | 'graph-pass' = 'nats-worker'): AlertSink {
  return (r, accountHash) =>
    p.db.transaction().execute(async (tx) => {
      const alert = await upsertActiveAlert(tx, {
        account_hash: accountHash,
        account_label: maskPseudonyms(r.account),
        score: r.score,
        role: r.role,
        reasons: r.reasons,
        rules: r.rules,
        assignee: null,
      });
      await recordAudit(
        tx,
        { actor: SYSTEM_ACTOR },
        {
          action: 'payment_alert.raise',
          resourceType: 'payment_alert',
          resourceId: alert.id,
          details: { score: r.score, role: r.role, source },
        },
      );
    });
}
