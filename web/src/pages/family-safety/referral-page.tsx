import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api } from '../../lib/api';
import { DV_OUTCOMES, type DvReferral } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { NotFoundPage } from '../not-found-page';
import { bandName, grantName, outcomeName, referralStatusName } from './dv-labels';

type Step = 'accept' | 'reject' | 'first_contact' | 'support_plan' | 'session' | 'close';

// Which steps the receiver may take next, by status (the server checks the order again).
const NEXT: Record<string, Step[]> = {
  sent: ['accept', 'reject'],
  accepted: ['first_contact'],
  first_contact: ['support_plan', 'close'],
  support_plan: ['session', 'close'],
  sessions: ['session', 'close'],
};

/** One referral with only the parts granted to the receiver, and its lifecycle actions. */
export function ReferralPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { data, error, reload } = useApiQuery<DvReferral>(`/api/family-safety/referrals/${encodeURIComponent(id)}`);
  const [step, setStep] = useState<Step | null>(null);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<string>('goals_met');
  const progress = useMutation((body: unknown) =>
    api.post<DvReferral>(`/api/family-safety/referrals/${encodeURIComponent(id)}/progress`, body),
  );
  useDocumentTitle(t('nav.dvReferrals'));
  if (error?.code === 'not_found') return <NotFoundPage />;

  const stepLabel = (value: Step) =>
    ({
      accept: t('dv.referral.accept'),
      reject: t('dv.referral.reject'),
      first_contact: t('dv.referral.firstContact'),
      support_plan: t('dv.referral.supportPlan'),
      session: t('dv.referral.session'),
      close: t('dv.referral.close'),
    })[value];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!data || !step) return;
    const body: Record<string, unknown> = { step, version: data.version };
    if (step === 'reject') body.reason = text.trim();
    if (step === 'first_contact' || step === 'session') body.note = text.trim();
    if (step === 'support_plan') body.plan = text.trim();
    if (step === 'close') Object.assign(body, { report: text.trim(), outcome });
    if (await progress.run(body)) {
      setStep(null);
      setText('');
      reload();
    }
  }

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/family-safety/referrals">{t('nav.dvReferrals')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {data && (
        <>
          <header className="page-header">
            <h1>{data.person.name}</h1>
            <p className="muted">
              {data.caseCode} · {data.provider.name} · {referralStatusName(t, data.status)}
              {data.isOverdue && <span className="badge dv-overdue">{t('dv.overdue')}</span>}
            </p>
          </header>
          {data.view === 'granted' && (
            <p className="banner" role="note">
              {t('dv.referral.grantedOnly', { grants: data.grants.map((g) => grantName(t, g)).join(', ') || t('common.none') })}
            </p>
          )}
          <dl className="record">
            <div className="wide">
              <dt>{t('dv.field.reason')}</dt>
              <dd className="notes">{data.reason}</dd>
            </div>
            {data.person.phone !== null && (
              <div>
                <dt>{t('dv.field.phone')}</dt>
                <dd>{data.person.phone}</dd>
              </div>
            )}
            {data.person.address !== null && (
              <div>
                <dt>{t('dv.field.personAddress')}</dt>
                <dd>{data.person.address}</dd>
              </div>
            )}
            {data.riskBand !== null && (
              <div>
                <dt>{t('dv.field.riskBand')}</dt>
                <dd>{bandName(t, data.riskBand)}</dd>
              </div>
            )}
            <div>
              <dt>{t('dv.field.dueAt')}</dt>
              <dd>{format.dateTime(data.dueAt)}</dd>
            </div>
            <div>
              <dt>{t('dv.referral.sessions')}</dt>
              <dd>{data.sessionCount}</dd>
            </div>
            {data.narrative && (
              <div className="wide">
                <dt>{t('dv.field.narrative')}</dt>
                <dd className="notes">{data.narrative.join('\n\n')}</dd>
              </div>
            )}
            {data.children && (
              <div className="wide">
                <dt>{t('dv.role.child')}</dt>
                <dd>{data.children.map((c) => `${c.name} (${format.date(c.birthDate)})`).join('; ')}</dd>
              </div>
            )}
            {data.rejectReason && (
              <div className="wide">
                <dt>{t('dv.referral.rejectReason')}</dt>
                <dd>{data.rejectReason}</dd>
              </div>
            )}
            {data.supportPlan && (
              <div className="wide">
                <dt>{t('dv.referral.supportPlan')}</dt>
                <dd className="notes">{data.supportPlan}</dd>
              </div>
            )}
            {data.closingReport && (
              <div className="wide">
                <dt>{t('dv.referral.close')}</dt>
                <dd className="notes">
                  {outcomeName(t, data.outcome)} — {data.closingReport}
                </dd>
              </div>
            )}
          </dl>
          {can('dv_referrals.receive') && (NEXT[data.status] ?? []).length > 0 && (
            <section className="dv-section">
              <h2>{t('dv.referral.next')}</h2>
              <div className="dv-actions">
                {(NEXT[data.status] ?? []).map((value) => (
                  <button
                    key={value}
                    type="button"
                    className={`button${step === value ? ' primary' : ''}`}
                    onClick={() =>
                      value === 'accept'
                        ? void progress.run({ step: 'accept', version: data.version }).then((ok) => ok && reload())
                        : setStep(value)
                    }
                  >
                    {stepLabel(value)}
                  </button>
                ))}
              </div>
              {progress.error?.code === 'conflict' ? (
                <div className="problem" role="alert" data-code="conflict">
                  <p className="problem-title">{t('dv.conflict')}</p>
                  <button type="button" className="button" onClick={reload}>
                    {t('settlement.loadLatest')}
                  </button>
                </div>
              ) : (
                <ProblemMessage error={progress.error} />
              )}
              {step && (
                <form className="form" onSubmit={onSubmit} noValidate>
                  {step === 'close' && (
                    <div className="form-field">
                      <label htmlFor="dv-outcome">{t('dv.referral.outcome')}</label>
                      <select id="dv-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
                        {DV_OUTCOMES.map((value) => (
                          <option key={value} value={value}>
                            {outcomeName(t, value)}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  <div className="form-field">
                    <label htmlFor="dv-step-text">{stepLabel(step)}</label>
                    <textarea id="dv-step-text" rows={3} value={text} onChange={(event) => setText(event.target.value)} />
                  </div>
                  <div className="form-actions">
                    <button type="submit" className="button primary" disabled={progress.isPending}>
                      {t('common.save')}
                    </button>
                  </div>
                </form>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
