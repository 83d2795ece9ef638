import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { ProblemMessage, useFieldErrors } from '../../components/problem-message';
import { api } from '../../lib/api';
import type { OmBulkAction, OmBulkOutcome, OmDecisionInput, OmResource } from '../../lib/online-markets-types';
import { useMutation } from '../../lib/use-mutation';
import { statusName } from './om-labels';
import { DecisionFields, decisionErrors, emptyDecision } from './om-parts';

type BulkBody = { action: OmBulkAction; items: { id: string; version: number }[]; reason?: string; decision?: OmDecisionInput };

/**
 * Bulk actions on the selected queue rows: take into review and dismiss (om.review), approve with one
 * decision for all (om.approve). Shows each item's outcome afterwards; the queue reloads.
 */
export function OmBulkBar({ selected, onDone }: { selected: OmResource[]; onDone(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [reason, setReason] = useState('');
  const [isApproving, setIsApproving] = useState(false);
  const [decision, setDecision] = useState<OmDecisionInput>(emptyDecision);
  const [outcomes, setOutcomes] = useState<{ item: OmBulkOutcome; locator: string }[]>([]);
  const send = useMutation((body: BulkBody) => api.post<{ items: OmBulkOutcome[] }>('/api/online-markets/resources/bulk', body));
  const fieldErrors = decisionErrors(useFieldErrors(send.error));
  if (!can('om.review') && !can('om.approve')) return null;

  async function run(action: OmBulkAction) {
    const locators = new Map(selected.map((r) => [r.id, r.locator]));
    const body: BulkBody = { action, items: selected.map((r) => ({ id: r.id, version: r.version })) };
    if (reason.trim()) body.reason = reason.trim();
    if (action === 'approve') body.decision = decision;
    const result = await send.run(body);
    if (!result) return;
    setOutcomes(result.items.map((item) => ({ item, locator: locators.get(item.id) ?? item.id })));
    setIsApproving(false);
    setReason('');
    onDone();
  }

  const none = selected.length === 0;
  return (
    <section className="om-bulk" aria-label={t('om.bulk.title')} data-testid="om-bulk">
      <div className="om-bulk-buttons">
        <strong>{t('om.bulk.selected', { count: selected.length })}</strong>
        {can('om.review') && (
          <>
            <button
              type="button"
              className="button"
              disabled={none || send.isPending}
              onClick={() => void run('take')}
              data-testid="om-bulk-take"
            >
              {t('om.action.take')}
            </button>
            <button
              type="button"
              className="button"
              disabled={none || send.isPending}
              onClick={() => void run('dismiss')}
              data-testid="om-bulk-dismiss"
            >
              {t('om.action.dismiss')}
            </button>
          </>
        )}
        {can('om.approve') && (
          <button
            type="button"
            className="button"
            disabled={none}
            aria-expanded={isApproving}
            onClick={() => setIsApproving((v) => !v)}
            data-testid="om-bulk-approve-open"
          >
            {t('om.action.approve')}…
          </button>
        )}
      </div>
      <div className="form-field">
        <label htmlFor="om-bulk-reason">{t('om.bulk.reason')}</label>
        <input id="om-bulk-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </div>
      {isApproving && (
        <form
          data-testid="om-bulk-approve-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('approve');
          }}
        >
          <DecisionFields idPrefix="om-bulk-decision" value={decision} onChange={setDecision} errors={fieldErrors} />
          <button type="submit" className="button primary" disabled={none || send.isPending}>
            {t('om.bulk.approveSelected', { count: selected.length })}
          </button>
        </form>
      )}
      <ProblemMessage error={send.error} shownPaths={Object.keys(fieldErrors).map((k) => `decision.${k}`)} />
      {outcomes.length > 0 && (
        <div role="status" data-testid="om-bulk-outcomes">
          <p>
            {t('om.bulk.outcome', {
              ok: outcomes.filter((o) => o.item.ok).length,
              failed: outcomes.filter((o) => !o.item.ok).length,
            })}
          </p>
          <ul className="om-outcomes">
            {outcomes.map(({ item, locator }) => (
              <li key={item.id} className={item.ok ? 'ok' : 'failed'} data-ok={item.ok}>
                <span className="om-locator">{locator}</span>:{' '}
                {item.ok ? statusName(t, item.status) : `${t('om.bulk.failed')} — ${item.error ?? item.code ?? ''}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
