import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable } from '../../components/data-table';
import { FormField } from '../../components/form-field';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api } from '../../lib/api';
import { DV_AGENCIES, type DvMeeting } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { useRegions } from '../../lib/use-reference';
import { NotFoundPage } from '../not-found-page';
import { BandBadge } from './band-badge';
import { DvFormProblem, useDvFieldErrors } from './dv-form';
import { agencyName, meetingStatusName } from './dv-labels';

/** One risk meeting: agenda, participants by agency, cases, actions with owners and deadlines, follow-up, minutes. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { regionName } = useRegions();
  const { data, error, reload } = useApiQuery<DvMeeting>(`/api/family-safety/meetings/${encodeURIComponent(id)}`);
  useDocumentTitle(t('nav.dvMeetings'));
  if (error?.code === 'not_found') return <NotFoundPage />;
  const canEdit = can('dv_cases.write');
  return (
    <div className="page" data-testid="dv-meeting">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/family-safety/meetings">{t('nav.dvMeetings')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <header className="page-header">
            <h1>{t('dv.meetings.titleAt', { at: format.dateTime(data.scheduledAt) })}</h1>
            <p className="muted">
              {regionName(data.regionCode)} · {meetingStatusName(t, data.status)}
            </p>
          </header>
          <section className="dv-section">
            <h2>{t('dv.meetings.agenda')}</h2>
            <p className="notes">{data.agenda || t('common.none')}</p>
          </section>
          <section className="dv-section">
            <h2>{t('dv.meetings.participants')}</h2>
            <DataTable
              caption={t('dv.meetings.participants')}
              rows={data.participants.map((p, index) => ({ ...p, index }))}
              rowKey={(row) => String(row.index)}
              columns={[
                { key: 'agency', header: t('dv.meetings.agency'), render: (row) => agencyName(t, row.agency) },
                { key: 'name', header: t('dv.field.name'), render: (row) => row.name },
              ]}
            />
          </section>
          <section className="dv-section">
            <h2>{t('dv.meetings.cases')}</h2>
            <ul className="dv-list">
              {data.cases.map((c) => (
                <li key={c.id}>
                  <Link to={`/family-safety/cases/${c.id}`}>{c.code}</Link> {c.riskBand && <BandBadge band={c.riskBand} />}
                </li>
              ))}
            </ul>
          </section>
          <section className="dv-section" data-testid="dv-meeting-actions">
            <h2>{t('dv.meetings.actions')}</h2>
            {data.actions.length === 0 && <p className="muted">{t('common.none')}</p>}
            <ul className="dv-list">
              {data.actions.map((action) => (
                <li key={action.id}>
                  <strong>{action.description}</strong> · {agencyName(t, action.ownerAgency)} — {action.ownerName} ·{' '}
                  {t('dv.meetings.dueOn', { date: format.date(action.dueOn) })} · {meetingStatusName(t, action.status)}
                  {action.isOverdue && <span className="badge dv-overdue">{t('dv.overdue')}</span>}
                  {action.followUp && <p className="muted">{t('dv.meetings.followUpWas', { text: action.followUp })}</p>}
                  {canEdit && action.status === 'open' && <FollowUpForm actionId={action.id} onChanged={reload} />}
                </li>
              ))}
            </ul>
            {canEdit && <ActionForm meeting={data} onChanged={reload} />}
          </section>
          {canEdit && <MinutesForm meeting={data} onChanged={reload} />}
        </>
      )}
    </div>
  );
}

function ActionForm({ meeting, onChanged }: { meeting: DvMeeting; onChanged(): void }) {
  const { t } = useTranslation();
  const empty = { caseId: meeting.cases[0]?.id ?? '', description: '', ownerAgency: 'police', ownerName: '', dueOn: '' };
  const [draft, setDraft] = useState(empty);
  const save = useMutation((body: unknown) => api.post<DvMeeting>(`/api/family-safety/meetings/${meeting.id}/actions`, body));
  const errors = useDvFieldErrors(save.error);
  const set = (name: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: event.target.value }));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { ...draft, caseId: draft.caseId || null, description: draft.description.trim(), ownerName: draft.ownerName.trim() };
    if (await save.run(body)) {
      setDraft(empty);
      onChanged();
    }
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-action-form">
      <h3>{t('dv.meetings.addAction')}</h3>
      <DvFormProblem error={save.error} shownPaths={Object.keys(errors)} onReload={onChanged} />
      <FormField name="action-description" label={t('dv.meetings.description')} error={errors.description} required>
        {(control) => <textarea {...control} rows={2} value={draft.description} onChange={set('description')} />}
      </FormField>
      <div className="form-row">
        <FormField name="action-case" label={t('dv.field.code')} error={errors.caseId}>
          {(control) => (
            <select {...control} value={draft.caseId} onChange={set('caseId')}>
              <option value="">{t('common.none')}</option>
              {meeting.cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="action-agency" label={t('dv.meetings.ownerAgency')} error={errors.ownerAgency} required>
          {(control) => (
            <select {...control} value={draft.ownerAgency} onChange={set('ownerAgency')}>
              {DV_AGENCIES.map((agency) => (
                <option key={agency} value={agency}>
                  {agencyName(t, agency)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="action-owner" label={t('dv.meetings.ownerName')} error={errors.ownerName} required>
          {(control) => <input {...control} value={draft.ownerName} onChange={set('ownerName')} />}
        </FormField>
        <FormField name="action-dueOn" label={t('dv.field.dueAt')} error={errors.dueOn} required>
          {(control) => <input {...control} type="date" value={draft.dueOn} onChange={set('dueOn')} />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('dv.meetings.addAction')}
        </button>
      </div>
    </form>
  );
}

function FollowUpForm({ actionId, onChanged }: { actionId: string; onChanged(): void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'done' | 'dropped'>('done');
  const [text, setText] = useState('');
  const save = useMutation((body: unknown) => api.post<DvMeeting>(`/api/family-safety/meeting-actions/${actionId}/follow-up`, body));
  const errors = useDvFieldErrors(save.error);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await save.run({ status, followUp: text.trim() })) onChanged();
  }
  return (
    <form className="form dv-inline-form" onSubmit={onSubmit} noValidate>
      <DvFormProblem error={save.error} shownPaths={Object.keys(errors)} onReload={onChanged} />
      <div className="form-row">
        <FormField name={`follow-up-${actionId}`} label={t('dv.meetings.followUp')} error={errors.followUp} required>
          {(control) => <input {...control} value={text} onChange={(event) => setText(event.target.value)} />}
        </FormField>
        <FormField name={`follow-up-status-${actionId}`} label={t('dv.field.status')} error={errors.status}>
          {(control) => (
            <select {...control} value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
              {(['open', 'done', 'dropped'] as const).map((value) => (
                <option key={value} value={value}>
                  {meetingStatusName(t, value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="button small" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function MinutesForm({ meeting, onChanged }: { meeting: DvMeeting; onChanged(): void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(meeting.status);
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const save = useMutation((body: unknown) => api.patch<DvMeeting>(`/api/family-safety/meetings/${meeting.id}`, body));
  const errors = useDvFieldErrors(save.error);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await save.run({ version: meeting.version, status, minutes: minutes.trim() })) onChanged();
  }
  return (
    <section className="dv-section">
      <h2>{t('dv.meetings.minutes')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="dv-minutes-form">
        <DvFormProblem error={save.error} shownPaths={Object.keys(errors)} onReload={onChanged} />
        <FormField name="meeting-status" label={t('dv.field.status')} error={errors.status}>
          {(control) => (
            <select {...control} value={status} onChange={(event) => setStatus(event.target.value)}>
              {(['planned', 'held', 'cancelled'] as const).map((value) => (
                <option key={value} value={value}>
                  {meetingStatusName(t, value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="meeting-minutes" label={t('dv.meetings.minutes')} error={errors.minutes}>
          {(control) => <textarea {...control} rows={4} value={minutes} onChange={(event) => setMinutes(event.target.value)} />}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
