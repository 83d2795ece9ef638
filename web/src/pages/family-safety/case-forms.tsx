import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/form-field';
import { api } from '../../lib/api';
import { type DvCaseDetail, type DvOfficer, type DvRules } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useMutation } from '../../lib/use-mutation';
import { IncidentFields } from './incident-fields';
import { DvFormProblem, localToday, localToIso, nowLocalInput, useDvFieldErrors } from './dv-form';
import { conditionName, measureKindName } from './dv-labels';

type Props = { record: DvCaseDetail; onChanged(): void };
const casePath = (record: DvCaseDetail) => `/api/family-safety/cases/${record.id}`;

/** Assign the case to an officer of the region's specialised unit (picked from the list). */
export function AssignForm({ record, onChanged }: Props) {
  const { t } = useTranslation();
  const officers = useApiQuery<{ items: DvOfficer[] }>(`/api/family-safety/officers?region=${record.regionCode}`);
  const [userId, setUserId] = useState(record.assignedTo ?? '');
  const save = useMutation((body: unknown) => api.post<DvCaseDetail>(`${casePath(record)}/assign`, body));
  const errors = useDvFieldErrors(save.error);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await save.run({ version: record.version, userId })) onChanged();
  }
  return (
    <form className="form dv-inline-form" onSubmit={onSubmit} noValidate data-testid="dv-assign-form">
      <DvFormProblem error={save.error ?? officers.error} shownPaths={Object.keys(errors)} onReload={onChanged} />
      <FormField name="assign-userId" label={t('dv.assign.officer')} error={errors.userId} required>
        {(control) => (
          <select {...control} value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">{t('dv.assign.pick')}</option>
            {officers.data?.items.map((officer) => (
              <option key={officer.id} value={officer.id}>
                {officer.displayName}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending || !userId}>
          {t('dv.assign.submit')}
        </button>
      </div>
    </form>
  );
}

/** Record the first contact with the victim (completes the first-contact task). */
export function FirstContactForm({ record, onChanged }: Props) {
  const { t } = useTranslation();
  const [at, setAt] = useState(nowLocalInput);
  const [note, setNote] = useState('');
  const save = useMutation((body: unknown) => api.post<DvCaseDetail>(`${casePath(record)}/first-contact`, body));
  const errors = useDvFieldErrors(save.error);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await save.run({ version: record.version, at: localToIso(at), note: note.trim() })) onChanged();
  }
  return (
    <form className="form dv-inline-form" onSubmit={onSubmit} noValidate data-testid="dv-first-contact-form">
      <DvFormProblem error={save.error} shownPaths={Object.keys(errors)} onReload={onChanged} />
      <div className="form-row">
        <FormField name="first-contact-at" label={t('dv.firstContact.at')} error={errors.at} required>
          {(control) => <input {...control} type="datetime-local" value={at} onChange={(event) => setAt(event.target.value)} />}
        </FormField>
        <FormField name="first-contact-note" label={t('dv.firstContact.note')} error={errors.note}>
          {(control) => <input {...control} value={note} onChange={(event) => setNote(event.target.value)} />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('dv.firstContact.submit')}
        </button>
      </div>
    </form>
  );
}

/** A police protective order (fixed duration) or court special requirements (duration and check-ins from the rules). */
export function MeasureForm({ record, onChanged }: Props) {
  const { t } = useTranslation();
  const rules = useApiQuery<DvRules>('/api/family-safety/rules');
  const offenders = record.people.filter((p) => p.role === 'offender');
  const [kind, setKind] = useState<'protective_order' | 'special_requirements'>('protective_order');
  const [subject, setSubject] = useState(offenders[0]?.personId ?? '');
  const [startsOn, setStartsOn] = useState(localToday);
  const [endsOn, setEndsOn] = useState('');
  const [conditions, setConditions] = useState<string[]>([]);
  const [checkins, setCheckins] = useState('1');
  const save = useMutation((body: unknown) => api.post(`${casePath(record)}/measures`, body));
  const errors = useDvFieldErrors(save.error);
  const r = rules.data?.measures;
  const isOrder = kind === 'protective_order';
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      kind,
      subjectPersonId: subject,
      startsOn,
      ...(isOrder ? {} : { endsOn }),
      conditions,
      checkinsPerMonth: isOrder ? 0 : Number(checkins),
    };
    if (await save.run(body)) onChanged();
  }
  const toggle = (condition: string) =>
    setConditions((list) => (list.includes(condition) ? list.filter((c) => c !== condition) : [...list, condition]));
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-measure-form">
      <DvFormProblem error={save.error ?? rules.error} shownPaths={Object.keys(errors)} onReload={onChanged} />
      <div className="form-row">
        <FormField name="measure-kind" label={t('dv.field.kind')} error={errors.kind} required>
          {(control) => (
            <select {...control} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
              {(['protective_order', 'special_requirements'] as const).map((value) => (
                <option key={value} value={value}>
                  {measureKindName(t, value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="measure-subject" label={t('dv.measures.subject')} error={errors.subjectPersonId} required>
          {(control) => (
            <select {...control} value={subject} onChange={(event) => setSubject(event.target.value)}>
              {offenders.map((person) => (
                <option key={person.personId} value={person.personId}>
                  {person.lastName} {person.firstName}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {r && (
        <p className="field-hint">
          {isOrder
            ? t('dv.measures.orderHint', { days: r.protective_order.days, age: r.protective_order.subjectMinAge })
            : t('dv.measures.requirementsHint', {
                min: r.special_requirements.minMonths,
                max: r.special_requirements.maxMonths,
                minCheckins: r.special_requirements.minCheckinsPerMonth,
                maxCheckins: r.special_requirements.maxCheckinsPerMonth,
              })}
        </p>
      )}
      <div className="form-row">
        <FormField name="measure-startsOn" label={t('dv.measures.startsOn')} error={errors.startsOn} required>
          {(control) => <input {...control} type="date" value={startsOn} onChange={(event) => setStartsOn(event.target.value)} />}
        </FormField>
        {!isOrder && (
          <FormField name="measure-endsOn" label={t('dv.measures.endsOn')} error={errors.endsOn} required>
            {(control) => <input {...control} type="date" value={endsOn} onChange={(event) => setEndsOn(event.target.value)} />}
          </FormField>
        )}
        {!isOrder && (
          <FormField name="measure-checkins" label={t('dv.measures.checkinsPerMonth')} error={errors.checkinsPerMonth} required>
            {(control) => (
              <input
                {...control}
                type="number"
                min={r?.special_requirements.minCheckinsPerMonth}
                max={r?.special_requirements.maxCheckinsPerMonth}
                value={checkins}
                onChange={(event) => setCheckins(event.target.value)}
              />
            )}
          </FormField>
        )}
      </div>
      <fieldset className="dv-checks">
        <legend>{t('dv.measures.conditions')}</legend>
        <ul className="dv-questions">
          {(r?.conditions ?? []).map((condition) => (
            <li key={condition}>
              <label>
                <input type="checkbox" checked={conditions.includes(condition)} onChange={() => toggle(condition)} />{' '}
                {conditionName(t, condition)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending || !subject}>
          {t('dv.measures.add')}
        </button>
      </div>
    </form>
  );
}

/** A follow-up incident on the case; afterwards the page prompts for a re-assessment. */
export function IncidentForm({ record, onAdded }: { record: DvCaseDetail; onAdded(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ source: 'police_call', occurredAt: '', address: '', narrative: '', firstActions: '' });
  const save = useMutation((body: unknown) => api.post<DvCaseDetail>(`${casePath(record)}/incidents`, body));
  const errors = useDvFieldErrors(save.error);
  const set = (name: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: event.target.value }));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      source: draft.source,
      occurredAt: localToIso(draft.occurredAt),
      address: draft.address.trim(),
      narrative: draft.narrative.trim(),
      legalCode: null,
      firstActions: draft.firstActions.trim(),
    };
    if (await save.run(body)) onAdded();
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-incident-form">
      <DvFormProblem error={save.error} shownPaths={Object.keys(errors)} onReload={onAdded} />
      <IncidentFields draft={draft} set={set} errors={errors} namePrefix="incident-" />
      <FormField name="incident-firstActions" label={t('dv.field.firstActions')} error={errors.firstActions}>
        {(control) => <textarea {...control} rows={2} value={draft.firstActions} onChange={set('firstActions')} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('dv.incidents.add')}
        </button>
      </div>
    </form>
  );
}
