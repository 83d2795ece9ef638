import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { FormField } from '../../components/form-field';
import { api, withQuery } from '../../lib/api';
import { DV_AGENCIES, type DvCaseDetail, type DvCaseListItem, type DvMeeting, type Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { BandBadge } from './band-badge';
import { DvFormProblem, localToIso, useDvFieldErrors } from './dv-form';
import { agencyName } from './dv-labels';

type Participant = { agency: string; name: string };

/** A new multi-agency risk meeting: when, agenda, the high-risk cases on it, and a participant per agency. */
export function MeetingNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [params] = useSearchParams();
  useDocumentTitle(t('dv.meetings.new'));
  const regionCode = session.user.region?.code ?? '';
  const awaiting = useApiQuery<Page<DvCaseListItem>>(
    withQuery('/api/family-safety/cases', { escalation: 'meeting_required', status: 'open', pageSize: 50 }),
  );
  const preset = params.get('caseId');
  const [caseIds, setCaseIds] = useState<string[]>(preset ? [preset] : []);
  const [scheduledAt, setScheduledAt] = useState('');
  const [agenda, setAgenda] = useState('');
  const [participants, setParticipants] = useState<Participant[]>([
    { agency: 'police', name: '' },
    { agency: 'fsc', name: '' },
  ]);
  const save = useMutation((body: unknown) => api.post<DvMeeting>('/api/family-safety/meetings', body));
  const errors = useDvFieldErrors(save.error);
  // The case the officer came from, even when it is no longer waiting for a meeting.
  const presetCase = useApiQuery<DvCaseDetail>(preset ? `/api/family-safety/cases/${encodeURIComponent(preset)}` : null);
  const candidates: DvCaseListItem[] = [...(awaiting.data?.items ?? [])];
  if (presetCase.data && !candidates.some((c) => c.id === presetCase.data?.id)) candidates.unshift(presetCase.data);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      regionCode,
      scheduledAt: localToIso(scheduledAt),
      agenda: agenda.trim(),
      caseIds,
      participants: participants.map((p) => ({ agency: p.agency, name: p.name.trim() })),
    };
    const meeting = await save.run(body);
    if (meeting) void navigate(`/family-safety/meetings/${meeting.id}`);
  }
  const setParticipant = (index: number, change: Partial<Participant>) =>
    setParticipants((list) => list.map((p, i) => (i === index ? { ...p, ...change } : p)));
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/family-safety/meetings">{t('nav.dvMeetings')}</Link>
      </nav>
      <h1>{t('dv.meetings.new')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-meeting-form">
        <DvFormProblem error={save.error ?? awaiting.error} shownPaths={Object.keys(errors)} onReload={() => undefined} />
        <FormField name="meeting-scheduledAt" label={t('dv.meetings.scheduledAt')} error={errors.scheduledAt} required>
          {(control) => (
            <input {...control} type="datetime-local" value={scheduledAt} onChange={(event) => setScheduledAt(event.target.value)} />
          )}
        </FormField>
        <FormField name="meeting-agenda" label={t('dv.meetings.agenda')} error={errors.agenda}>
          {(control) => <textarea {...control} rows={3} value={agenda} onChange={(event) => setAgenda(event.target.value)} />}
        </FormField>
        <fieldset className={`dv-checks${errors.caseIds ? ' has-error' : ''}`}>
          <legend>{t('dv.meetings.cases')}</legend>
          {candidates.length === 0 && <p className="muted">{t('common.none')}</p>}
          <ul className="dv-questions">
            {candidates.map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={caseIds.includes(c.id)}
                    onChange={() => setCaseIds((list) => (list.includes(c.id) ? list.filter((x) => x !== c.id) : [...list, c.id]))}
                  />{' '}
                  {c.code} {c.riskBand && <BandBadge band={c.riskBand} />}
                </label>
              </li>
            ))}
          </ul>
          {errors.caseIds && <p className="field-error">{errors.caseIds}</p>}
        </fieldset>
        <fieldset className={`dv-participants${errors.participants ? ' has-error' : ''}`}>
          <legend>{t('dv.meetings.participants')}</legend>
          {participants.map((p, index) => (
            <div className="form-row" key={index}>
              <FormField
                name={`participant-${index}-agency`}
                label={t('dv.meetings.agency')}
                error={errors[`participants.${index}.agency`]}
              >
                {(control) => (
                  <select {...control} value={p.agency} onChange={(event) => setParticipant(index, { agency: event.target.value })}>
                    {DV_AGENCIES.map((agency) => (
                      <option key={agency} value={agency}>
                        {agencyName(t, agency)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField name={`participant-${index}-name`} label={t('dv.field.name')} error={errors[`participants.${index}.name`]}>
                {(control) => (
                  <input {...control} value={p.name} onChange={(event) => setParticipant(index, { name: event.target.value })} />
                )}
              </FormField>
              {participants.length > 2 && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => setParticipants((list) => list.filter((_, i) => i !== index))}
                >
                  {t('dv.people.remove')}
                </button>
              )}
            </div>
          ))}
          {errors.participants && <p className="field-error">{errors.participants}</p>}
          <button
            type="button"
            className="button small"
            onClick={() => setParticipants((list) => [...list, { agency: 'health', name: '' }])}
          >
            {t('dv.meetings.addParticipant')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t('dv.meetings.create')}
          </button>
          <Link className="button" to="/family-safety/meetings">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
