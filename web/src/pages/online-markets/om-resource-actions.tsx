import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { ProblemMessage, useFieldErrors } from '../../components/problem-message';
import { api } from '../../lib/api';
import type { OmDecisionInput, OmResourceDetail } from '../../lib/online-markets-types';
import { useMutation } from '../../lib/use-mutation';
import { DecisionFields, decisionErrors, emptyDecision, todayKz } from './om-parts';

type Step = 'take' | 'dismiss' | 'reopen';
type Restore = {
  ground: 'content_removed' | 'decision_revoked';
  reason: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
};

/**
 * One button per transition the server allows the caller now (`can`), and the forms that need more:
 * approve (the decision) and restore (the ground and the revoking decision). Read-only users see none.
 */
export function OmResourceActions({ resource, onChanged }: { resource: OmResourceDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<'approve' | 'restore' | null>(null);
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<OmDecisionInput>(emptyDecision);
  const [restore, setRestore] = useState<Restore>(() => ({
    ground: 'content_removed',
    reason: '',
    decisionNumber: '',
    decisionDate: todayKz(),
    decisionBody: '',
  }));
  const base = `/api/online-markets/resources/${encodeURIComponent(resource.id)}`;
  const send = useMutation((path: string, body: unknown) => api.post(path, body));
  const fieldErrors = useFieldErrors(send.error);
  const { can: allowed } = resource;
  const any = (allowed.take || allowed.dismiss || allowed.reopen) && can('om.review');
  const anyApprove = (allowed.approve || allowed.restore) && can('om.approve');
  if (!any && !anyApprove) return null;

  async function step(action: Step) {
    const body = reason.trim() ? { version: resource.version, reason: reason.trim() } : { version: resource.version };
    if ((await send.run(`${base}/${action}`, body)) !== undefined) done();
  }
  function done() {
    setOpen(null);
    setReason('');
    onChanged();
  }
  const setR = (key: keyof Restore, v: string) => setRestore((r) => ({ ...r, [key]: v }));

  return (
    <section className="om-section" aria-label={t('om.resource.actions')} data-testid="om-actions">
      <div className="om-actions">
        {allowed.take && (
          <button
            type="button"
            className="button primary"
            disabled={send.isPending}
            onClick={() => void step('take')}
            data-testid="om-take"
          >
            {t('om.action.take')}
          </button>
        )}
        {allowed.dismiss && (
          <button type="button" className="button" disabled={send.isPending} onClick={() => void step('dismiss')} data-testid="om-dismiss">
            {t('om.action.dismiss')}
          </button>
        )}
        {allowed.reopen && (
          <button type="button" className="button" disabled={send.isPending} onClick={() => void step('reopen')} data-testid="om-reopen">
            {t('om.action.reopen')}
          </button>
        )}
        {allowed.approve && (
          <button
            type="button"
            className="button primary"
            aria-expanded={open === 'approve'}
            onClick={() => setOpen(open === 'approve' ? null : 'approve')}
            data-testid="om-approve-open"
          >
            {t('om.action.approve')}…
          </button>
        )}
        {allowed.restore && (
          <button
            type="button"
            className="button"
            aria-expanded={open === 'restore'}
            onClick={() => setOpen(open === 'restore' ? null : 'restore')}
            data-testid="om-restore-open"
          >
            {t('om.action.restore')}…
          </button>
        )}
      </div>
      {(allowed.take || allowed.dismiss || allowed.reopen) && (
        <div className="form-field">
          <label htmlFor="om-step-reason">{t('om.bulk.reason')}</label>
          <input id="om-step-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      {open === 'approve' && (
        <form
          data-testid="om-approve-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send.run(`${base}/approve`, { version: resource.version, decision }).then((r) => r !== undefined && done());
          }}
        >
          <DecisionFields idPrefix="om-decision" value={decision} onChange={setDecision} errors={decisionErrors(fieldErrors)} />
          <button type="submit" className="button primary" disabled={send.isPending}>
            {t('om.resource.approveSubmit')}
          </button>
        </form>
      )}
      {open === 'restore' && (
        <form
          className="om-decision"
          data-testid="om-restore-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send.run(`${base}/restore`, { version: resource.version, restore }).then((r) => r !== undefined && done());
          }}
        >
          <div className="form-field">
            <label htmlFor="om-restore-ground">{t('om.restore.ground')}</label>
            <select id="om-restore-ground" value={restore.ground} onChange={(e) => setR('ground', e.target.value)}>
              <option value="content_removed">{t('om.restore.content_removed')}</option>
              <option value="decision_revoked">{t('om.restore.decision_revoked')}</option>
            </select>
          </div>
          <div className="om-decision-row">
            <div className="form-field">
              <label htmlFor="om-restore-number">{t('om.decision.number')}</label>
              <input
                id="om-restore-number"
                required
                value={restore.decisionNumber}
                onChange={(e) => setR('decisionNumber', e.target.value)}
              />
            </div>
            <div className="form-field">
              <label htmlFor="om-restore-date">{t('om.decision.date')}</label>
              <input
                id="om-restore-date"
                type="date"
                required
                max={todayKz()}
                value={restore.decisionDate}
                onChange={(e) => setR('decisionDate', e.target.value)}
              />
            </div>
          </div>
          <div className="form-field">
            <label htmlFor="om-restore-body">{t('om.decision.body')}</label>
            <input id="om-restore-body" required value={restore.decisionBody} onChange={(e) => setR('decisionBody', e.target.value)} />
          </div>
          <div className="form-field">
            <label htmlFor="om-restore-reason">{t('om.decision.reason')}</label>
            <textarea id="om-restore-reason" required rows={3} value={restore.reason} onChange={(e) => setR('reason', e.target.value)} />
          </div>
          <button type="submit" className="button primary" disabled={send.isPending}>
            {t('om.action.restore')}
          </button>
        </form>
      )}
      <ProblemMessage error={send.error} shownPaths={Object.keys(fieldErrors).filter((p) => p.startsWith('decision.'))} />
    </section>
  );
}
