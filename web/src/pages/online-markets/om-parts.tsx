import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n/i18n';
import { useFormat, useLanguage } from '../../i18n/use-language';
import type { LegalReference, OmDecisionInput, OmEvent } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';
import { eventName, statusName } from './om-labels';
import './online-markets.css';

/** A workflow status as a coloured badge (`om-status-<status>`). */
export function OmStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge om-status om-status-${status}`}>{statusName(t, status)}</span>;
}

/** A resource's or shop's events, oldest first, with the status change they made. */
export function OmTimeline({ events, linkResources = false }: { events: OmEvent[]; linkResources?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <ol className="om-timeline" data-testid="om-timeline">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{format.dateTime(e.at)}</time> <strong>{eventName(t, e.kind)}</strong>
          {e.toStatus && (
            <>
              {' '}
              {e.fromStatus && <OmStatusBadge status={e.fromStatus} />} → <OmStatusBadge status={e.toStatus} />
            </>
          )}{' '}
          <span className="muted">{e.actor}</span>
          {linkResources && e.resourceId && (
            <>
              {' · '}
              <Link to={`/online-markets/resources/${encodeURIComponent(e.resourceId)}`}>{t('om.resource.open')}</Link>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Today in Kazakhstan (UTC+5): the latest decision date the server accepts. */
export const todayKz = (): string => new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);

/** An empty decision with the usual legal basis and today's date. */
export function emptyDecision(): OmDecisionInput {
  return { legalBasis: 'law-communications-41-1', decisionNumber: '', decisionDate: todayKz(), decisionBody: '', reason: '' };
}

/**
 * The fields of a blocking decision: legal basis (from the legal references valid on the decision
 * date), number, date, issuing body and reason. `errors` maps field names to messages.
 */
export function DecisionFields({
  value,
  onChange,
  errors = {},
  idPrefix,
}: {
  value: OmDecisionInput;
  onChange(next: OmDecisionInput): void;
  errors?: Record<string, string>;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const legal = useApiQuery<{ items: LegalReference[] }>(
    `/api/reference/legal?validOn=${encodeURIComponent(value.decisionDate || todayKz())}`,
    {
      redirectOnForbidden: false,
    },
  );
  const set = (key: keyof OmDecisionInput, v: string) => onChange({ ...value, [key]: v });
  const field = (key: keyof OmDecisionInput, label: string, input: ReactNode) => {
    const id = `${idPrefix}-${key}`;
    const error = errors[key];
    return (
      <div className={`form-field${error ? ' has-error' : ''}`}>
        <label htmlFor={id}>
          {label}
          <span aria-hidden="true" className="required-mark">
            {' '}
            *
          </span>
        </label>
        {input}
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };
  const common = (key: keyof OmDecisionInput) => ({
    id: `${idPrefix}-${key}`,
    name: key,
    required: true,
    'aria-invalid': Boolean(errors[key]),
    'aria-describedby': errors[key] ? `${idPrefix}-${key}-error` : undefined,
    value: value[key],
  });
  return (
    <fieldset className="om-decision">
      <legend>{t('om.decision.title')}</legend>
      {field(
        'legalBasis',
        t('om.decision.legalBasis'),
        <select {...common('legalBasis')} onChange={(e) => set('legalBasis', e.target.value)}>
          {(legal.data?.items ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {r.article ? `${r.law}, ${t('om.decision.article')} ${r.article}` : r.law} — {localized(r.wording, language)}
            </option>
          ))}
          {!legal.data?.items.some((r) => r.code === value.legalBasis) && <option value={value.legalBasis}>{value.legalBasis}</option>}
        </select>,
      )}
      <div className="om-decision-row">
        {field(
          'decisionNumber',
          t('om.decision.number'),
          <input {...common('decisionNumber')} maxLength={100} onChange={(e) => set('decisionNumber', e.target.value)} />,
        )}
        {field(
          'decisionDate',
          t('om.decision.date'),
          <input {...common('decisionDate')} type="date" max={todayKz()} onChange={(e) => set('decisionDate', e.target.value)} />,
        )}
      </div>
      {field(
        'decisionBody',
        t('om.decision.body'),
        <input {...common('decisionBody')} maxLength={300} onChange={(e) => set('decisionBody', e.target.value)} />,
      )}
      {field(
        'reason',
        t('om.decision.reason'),
        <textarea {...common('reason')} rows={3} maxLength={2000} onChange={(e) => set('reason', e.target.value)} />,
      )}
    </fieldset>
  );
}

/** Decision field errors from useFieldErrors (paths like `decision.legalBasis`), keyed by field name. */
export function decisionErrors(messages: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(messages)) {
    const m = /(?:^|\.)decision\.(\w+)$/.exec(path);
    if (m?.[1]) out[m[1]] ??= message;
  }
  return out;
}
