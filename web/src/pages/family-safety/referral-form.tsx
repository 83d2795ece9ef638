import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/form-field';
import { ProblemMessage } from '../../components/problem-message';
import { api, withQuery } from '../../lib/api';
import type { DvCaseDetail, DvProvider, DvReferral, Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useMutation } from '../../lib/use-mutation';
import { DvFormProblem, useDvFieldErrors } from './dv-form';
import { grantName, personRoleName, providerKindName, referralStatusName } from './dv-labels';

const GRANTS = ['contact', 'risk', 'narrative', 'children'] as const;
const MIN_OVERRIDE = 20;

/** The case's referrals with "send" for drafts, and a form for a new one (consent, or a justified override). */
export function ReferralsPanel({ record, onChanged }: { record: DvCaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const personName = (personId: string) => {
    const person = record.people.find((p) => p.personId === personId);
    return person ? `${person.lastName} ${person.firstName}` : '—';
  };
  const send = useMutation(async (id: string) => {
    const current = await api.get<DvReferral>(`/api/family-safety/referrals/${id}`);
    return api.post<DvReferral>(`/api/family-safety/referrals/${id}/send`, { version: current.version });
  });
  return (
    <section className="dv-section" data-testid="dv-referrals">
      <h2>{t('dv.referrals.title')}</h2>
      <ProblemMessage error={send.error} />
      {record.referrals.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="dv-list">
        {record.referrals.map((referral) => (
          <li key={referral.id}>
            <Link to={`/family-safety/referrals/${referral.id}`}>{referral.providerName}</Link> · {personName(referral.personId)} ·{' '}
            <span data-testid="dv-referral-status">{referralStatusName(t, referral.status)}</span>
            {record.abilities.canRefer && referral.status === 'draft' && (
              <button
                type="button"
                className="button small"
                disabled={send.isPending}
                onClick={() => void send.run(referral.id).then((ok) => ok !== undefined && onChanged())}
              >
                {t('dv.referralForm.send')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {record.abilities.canRefer && !isOpen && (
        <button type="button" className="button" onClick={() => setIsOpen(true)}>
          {t('dv.referralForm.open')}
        </button>
      )}
      {isOpen && (
        <ReferralForm
          record={record}
          onDone={() => {
            setIsOpen(false);
            onChanged();
          }}
          onCancel={() => setIsOpen(false)}
        />
      )}
    </section>
  );
}

function ReferralForm({ record, onDone, onCancel }: { record: DvCaseDetail; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const providers = useApiQuery<Page<DvProvider>>(
    withQuery('/api/family-safety/providers', { region: record.regionCode, status: 'open', pageSize: 200 }),
  );
  const people = record.people.filter((p) => p.role !== 'offender');
  const [personId, setPersonId] = useState(people[0]?.personId ?? '');
  const [providerId, setProviderId] = useState('');
  const [reason, setReason] = useState('');
  const [grants, setGrants] = useState<string[]>([]);
  const [hasConsent, setHasConsent] = useState(false);
  const [method, setMethod] = useState<'written' | 'verbal'>('written');
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const save = useMutation((body: unknown) => api.post<DvReferral>('/api/family-safety/referrals', body));
  const errors = useDvFieldErrors(save.error);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      caseId: record.id,
      personId,
      providerId,
      reason: reason.trim(),
      grants,
      ...(hasConsent
        ? { consent: { method, note: note.trim() } }
        : overrideReason.trim()
          ? { consentOverride: { reason: overrideReason.trim() } }
          : {}),
    };
    if (await save.run(body)) onDone();
  }
  const toggle = (grant: string) => setGrants((list) => (list.includes(grant) ? list.filter((g) => g !== grant) : [...list, grant]));
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-referral-form">
      <DvFormProblem error={save.error ?? providers.error} shownPaths={Object.keys(errors)} onReload={onDone} />
      <div className="form-row">
        <FormField name="referral-person" label={t('dv.field.person')} error={errors.personId} required>
          {(control) => (
            <select {...control} value={personId} onChange={(event) => setPersonId(event.target.value)}>
              {people.map((person) => (
                <option key={person.personId} value={person.personId}>
                  {person.lastName} {person.firstName} ({personRoleName(t, person.role)})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="referral-provider" label={t('dv.field.provider')} error={errors.providerId} required>
          {(control) => (
            <select {...control} value={providerId} onChange={(event) => setProviderId(event.target.value)}>
              <option value="">{t('dv.referralForm.pickProvider')}</option>
              {providers.data?.items.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name} ({providerKindName(t, provider.kind)})
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField name="referral-reason" label={t('dv.field.reason')} error={errors.reason} required>
        {(control) => <textarea {...control} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </FormField>
      <fieldset className="dv-checks">
        <legend>{t('dv.referralForm.grants')}</legend>
        <p className="field-hint">{t('dv.referralForm.grantsHint')}</p>
        <ul className="dv-questions">
          {GRANTS.map((grant) => (
            <li key={grant}>
              <label>
                <input type="checkbox" checked={grants.includes(grant)} onChange={() => toggle(grant)} /> {grantName(t, grant)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className={`dv-checks${errors.consent ? ' has-error' : ''}`}>
        <legend>{t('dv.referralForm.consent')}</legend>
        <label>
          <input type="checkbox" checked={hasConsent} onChange={(event) => setHasConsent(event.target.checked)} data-testid="dv-consent" />{' '}
          {t('dv.referralForm.consentGiven')}
        </label>
        {errors.consent && <p className="field-error">{errors.consent}</p>}
        {hasConsent ? (
          <div className="form-row">
            <FormField name="referral-consent-method" label={t('dv.referralForm.method')} error={errors['consent.method']}>
              {(control) => (
                <select {...control} value={method} onChange={(event) => setMethod(event.target.value as typeof method)}>
                  <option value="written">{t('dv.referralForm.written')}</option>
                  <option value="verbal">{t('dv.referralForm.verbal')}</option>
                </select>
              )}
            </FormField>
            <FormField name="referral-consent-note" label={t('dv.referralForm.note')} error={errors['consent.note']}>
              {(control) => <input {...control} value={note} onChange={(event) => setNote(event.target.value)} />}
            </FormField>
          </div>
        ) : (
          <FormField
            name="referral-override"
            label={t('dv.referralForm.override')}
            hint={t('dv.referralForm.overrideHint', { min: MIN_OVERRIDE })}
            error={errors['consentOverride.reason']}
          >
            {(control) => (
              <textarea {...control} rows={2} value={overrideReason} onChange={(event) => setOverrideReason(event.target.value)} />
            )}
          </FormField>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('dv.referralForm.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
