import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { useFormat, useLanguage } from '../../i18n/use-language';
import { api, withQuery } from '../../lib/api';
import { DV_BANDS, type DvAssessmentResult, type DvBand, type DvCaseDetail, type DvRiskInstrument } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useMutation } from '../../lib/use-mutation';
import { BandBadge } from './band-badge';
import { bandName } from './dv-labels';

const RANK: Record<DvBand, number> = { standard: 0, medium: 1, high: 2 };

/** Assessments of a case, the versioned questionnaire with a live score, overrides and their confirmation. */
export function RiskPanel({ record, onChanged }: { record: DvCaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const [isOpen, setIsOpen] = useState(false);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [overrideBand, setOverrideBand] = useState('');
  const [reason, setReason] = useState('');
  const instrument = useApiQuery<DvRiskInstrument>(
    isOpen ? withQuery('/api/family-safety/risk-instrument', { region: record.regionCode }) : null,
  );
  const assess = useMutation((body: unknown) => api.post<DvAssessmentResult>(`/api/family-safety/cases/${record.id}/assessments`, body));
  const decide = useMutation((id: string, decision: 'confirm' | 'reject') =>
    api.post<DvAssessmentResult>(`/api/family-safety/assessments/${id}/override-decision`, { decision }),
  );

  const items = instrument.data?.items ?? [];
  const score = items.reduce((sum, item) => sum + (answers[item.code] ? item.weight : 0), 0);
  const thresholds = instrument.data?.thresholds;
  const computed: DvBand = !thresholds
    ? 'standard'
    : score >= thresholds.highFrom
      ? 'high'
      : score >= thresholds.mediumFrom
        ? 'medium'
        : 'standard';
  const isLowering = overrideBand !== '' && RANK[overrideBand as DvBand] < RANK[computed];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = { answers };
    if (overrideBand && overrideBand !== computed) body.override = { band: overrideBand, reason: reason.trim() };
    const result = await assess.run(body);
    if (result) {
      setIsOpen(false);
      setAnswers({});
      setOverrideBand('');
      setReason('');
      onChanged();
    }
  }

  async function onDecide(id: string, decision: 'confirm' | 'reject') {
    if (await decide.run(id, decision)) onChanged();
  }

  return (
    <section className="dv-section" id="dv-risk" data-testid="dv-risk">
      <h2>{t('dv.risk.title')}</h2>
      <ProblemMessage error={decide.error} />
      {record.assessments.length === 0 && <p className="muted">{t('dv.risk.none')}</p>}
      <ul className="dv-list">
        {record.assessments.map((item) => (
          <li key={item.id}>
            {format.dateTime(item.createdAt)} · {t('dv.risk.version', { version: item.instrumentVersion })} ·{' '}
            {t('dv.risk.score', { score: item.score })} · <BandBadge band={item.band} />
            {item.override && (
              <div className="dv-override">
                {t('dv.risk.overrideTo', { band: bandName(t, item.override.band) })} — {item.override.reason}
                {item.override.status === 'pending' && (
                  <>
                    <p className="banner warning" role="note">
                      {t('dv.risk.pending')}
                    </p>
                    {record.abilities.canConfirmOverride && (
                      <span className="dv-actions">
                        <button type="button" className="button small" onClick={() => void onDecide(item.id, 'confirm')}>
                          {t('dv.risk.confirm')}
                        </button>
                        <button type="button" className="button small" onClick={() => void onDecide(item.id, 'reject')}>
                          {t('dv.risk.reject')}
                        </button>
                      </span>
                    )}
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {record.abilities.canAssess && !isOpen && (
        <button type="button" className="button" onClick={() => setIsOpen(true)}>
          {t('dv.risk.start')}
        </button>
      )}
      {isOpen && (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-risk-form">
          <ProblemMessage error={assess.error ?? instrument.error} />
          {instrument.data && <p className="muted">{t('dv.risk.version', { version: instrument.data.version })}</p>}
          <ol className="dv-questions">
            {items.map((item) => (
              <li key={item.code}>
                <span>{localized(item.text, language)}</span>
                <span className="dv-yes-no">
                  <label>
                    <input
                      type="radio"
                      name={item.code}
                      checked={answers[item.code] === true}
                      onChange={() => setAnswers((a) => ({ ...a, [item.code]: true }))}
                    />{' '}
                    {t('common.yes')}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={item.code}
                      checked={answers[item.code] === false}
                      onChange={() => setAnswers((a) => ({ ...a, [item.code]: false }))}
                    />{' '}
                    {t('common.no')}
                  </label>
                </span>
              </li>
            ))}
          </ol>
          <p className="dv-preview" aria-live="polite">
            {t('dv.risk.score', { score })} · <BandBadge band={computed} /> ·{' '}
            {t('dv.risk.answered', { count: Object.keys(answers).length, total: items.length })}
          </p>
          <div className="form-row">
            <div className="form-field">
              <label htmlFor="dv-override-band">{t('dv.risk.override')}</label>
              <select id="dv-override-band" value={overrideBand} onChange={(event) => setOverrideBand(event.target.value)}>
                <option value="">{t('common.none')}</option>
                {DV_BANDS.map((band) => (
                  <option key={band} value={band}>
                    {bandName(t, band)}
                  </option>
                ))}
              </select>
            </div>
            {overrideBand && (
              <div className="form-field">
                <label htmlFor="dv-override-reason">{t('dv.risk.overrideReason')}</label>
                <textarea id="dv-override-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
              </div>
            )}
          </div>
          {isLowering && <p className="banner warning">{t('dv.risk.lowerNeedsSecond')}</p>}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={assess.isPending}>
              {t('dv.risk.save')}
            </button>
            <button type="button" className="button" onClick={() => setIsOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
