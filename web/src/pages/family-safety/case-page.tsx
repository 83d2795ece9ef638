import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { DvAccessGrant, DvCaseDetail, DvTimelineEntry, Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { useRegions } from '../../lib/use-reference';
import { NotFoundPage } from '../not-found-page';
import { BandBadge } from './band-badge';
import {
  caseStatusName,
  escalationName,
  measureKindName,
  notificationStatusName,
  personRoleName,
  sourceName,
  taskKindName,
  taskStatusName,
  timelineText,
} from './dv-labels';
import { AssignForm, FirstContactForm, IncidentForm, MeasureForm } from './case-forms';
import { ReferralsPanel } from './referral-form';
import { RiskPanel } from './risk-panel';

/** One case: summary, people, incidents, risk, measures, tasks, referrals, school notices and the timeline. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const path = `/api/family-safety/cases/${encodeURIComponent(id)}`;
  const { data, error, reload } = useApiQuery<DvCaseDetail>(path);
  useDocumentTitle(data?.code ?? t('nav.dvCases'));

  if (error?.code === 'not_found' || error?.status === 403) {
    return can('dv_cases.break_glass') ? <BreakGlass caseId={id} onGranted={reload} /> : <NotFoundPage />;
  }
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/family-safety/cases">{t('nav.dvCases')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && <CaseView record={data} onChanged={reload} />}
    </div>
  );
}

function CaseView({ record, onChanged }: { record: DvCaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { regionName } = useRegions();
  const timeline = useApiQuery<Page<DvTimelineEntry>>(`/api/family-safety/cases/${record.id}/timeline?pageSize=100`);
  const personName = (personId: string) => {
    const person = record.people.find((p) => p.personId === personId);
    return person ? `${person.lastName} ${person.firstName}` : '—';
  };
  const measureEvent = useMutation((measureId: string, kind: string) =>
    api.post(`/api/family-safety/measures/${measureId}/events`, { kind, occurredAt: new Date().toISOString() }),
  );
  const completeTask = useMutation((taskId: string) => api.post(`/api/family-safety/tasks/${taskId}/complete`));
  const [open, setOpen] = useState<'measure' | 'incident' | null>(null);
  const [promptReassess, setPromptReassess] = useState(false);
  const canEdit = record.abilities.canEdit;
  const refresh = () => {
    onChanged();
    timeline.reload();
  };

  return (
    <>
      <header className="page-header">
        <h1>{record.code}</h1>
        <p className="muted">
          {regionName(record.regionCode)} · {caseStatusName(t, record.status)} · <BandBadge band={record.riskBand} />
          {record.isRepeat && <span className="badge dv-repeat">{t('dv.repeat')}</span>}
        </p>
      </header>
      {record.isSynthetic && (
        <p className="banner synthetic" role="note">
          {t('dv.syntheticBanner')}
        </p>
      )}
      {record.access.via === 'grant' && (
        <p className="banner warning" role="note" data-testid="dv-grant-banner">
          {t('dv.breakGlass.active', { until: format.dateTime(record.access.grantExpiresAt) })}
        </p>
      )}
      {canEdit && record.escalation === 'meeting_required' && (
        <p className="banner warning" role="note">
          {t('dv.meetings.required')}{' '}
          <Link className="button small" to={`/family-safety/meetings/new?caseId=${record.id}`}>
            {t('dv.meetings.new')}
          </Link>
        </p>
      )}
      {record.contactsMasked && (
        <p className="banner" role="note">
          {t('dv.case.masked')}
        </p>
      )}
      <dl className="record">
        <div>
          <dt>{t('dv.field.source')}</dt>
          <dd>{sourceName(t, record.source)}</dd>
        </div>
        <div>
          <dt>{t('dv.field.escalation')}</dt>
          <dd>{escalationName(t, record.escalation)}</dd>
        </div>
        <div>
          <dt>{t('dv.field.legalCode')}</dt>
          <dd>{record.legalCode ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('dv.field.repeatOf')}</dt>
          <dd>{record.repeatOfCode ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('dv.field.address')}</dt>
          <dd>{record.address ?? t('dv.masked')}</dd>
        </div>
        <div>
          <dt>{t('dv.field.firstContact')}</dt>
          <dd>{format.dateTime(record.firstContactAt)}</dd>
        </div>
        <div>
          <dt>{t('common.createdAt')}</dt>
          <dd>{format.dateTime(record.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('common.version')}</dt>
          <dd>{record.version}</dd>
        </div>
      </dl>

      <section className="dv-section" data-testid="dv-team">
        <h2>{t('dv.team.title')}</h2>
        <ul className="dv-list">
          {record.team.map((member) => (
            <li key={member.userId}>
              {member.displayName} · {member.role === 'assignee' ? t('dv.team.assignee') : t('dv.team.creator')}
            </li>
          ))}
        </ul>
        {canEdit && <AssignForm record={record} onChanged={refresh} />}
        {canEdit && !record.firstContactAt && <FirstContactForm record={record} onChanged={refresh} />}
      </section>

      <section className="dv-section">
        <h2>{t('dv.people.title')}</h2>
        <DataTable
          caption={t('dv.people.title')}
          rows={record.people}
          rowKey={(row) => row.id}
          columns={[
            { key: 'role', header: t('dv.field.role'), render: (row) => personRoleName(t, row.role) },
            { key: 'name', header: t('dv.field.name'), render: (row) => `${row.lastName} ${row.firstName} ${row.patronymic ?? ''}` },
            { key: 'birth', header: t('dv.field.birthDate'), render: (row) => format.date(row.birthDate) },
            { key: 'phone', header: t('dv.field.phone'), render: (row) => row.phone ?? t('dv.masked') },
            { key: 'address', header: t('dv.field.personAddress'), render: (row) => row.address ?? t('dv.masked') },
            { key: 'present', header: t('dv.field.wasPresent'), render: (row) => (row.wasPresent ? t('common.yes') : t('common.no')) },
            { key: 'class', header: t('dv.field.schoolClass'), render: (row) => row.schoolClass ?? '' },
          ]}
        />
      </section>

      <section className="dv-section">
        <h2>{t('dv.incidents.title')}</h2>
        <ul className="dv-list">
          {record.incidents.map((incident) => (
            <li key={incident.id}>
              <strong>{format.dateTime(incident.occurredAt)}</strong> · {sourceName(t, incident.source)} · {incident.legalCode ?? ''}
              <p className="notes">{incident.narrative}</p>
              {incident.firstActions && (
                <p className="muted">
                  {t('dv.field.firstActions')}: {incident.firstActions}
                </p>
              )}
            </li>
          ))}
        </ul>
        {canEdit && open !== 'incident' && (
          <button type="button" className="button" onClick={() => setOpen('incident')}>
            {t('dv.incidents.add')}
          </button>
        )}
        {open === 'incident' && (
          <IncidentForm
            record={record}
            onAdded={() => {
              setOpen(null);
              setPromptReassess(true);
              refresh();
            }}
          />
        )}
      </section>

      {promptReassess && record.abilities.canAssess && (
        <p className="banner warning" role="status" data-testid="dv-reassess-prompt">
          {t('dv.incidents.reassess')}
        </p>
      )}
      <RiskPanel record={record} onChanged={refresh} />

      <section className="dv-section">
        <h2>{t('dv.measures.title')}</h2>
        <ProblemMessage error={measureEvent.error} />
        {record.measures.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="dv-list">
          {record.measures.map((measure) => (
            <li key={measure.id}>
              {measureKindName(t, measure.kind)} · {personName(measure.subjectPersonId)} · {format.date(measure.startsOn)} –{' '}
              {format.date(measure.endsOn)} · {taskStatusName(t, measure.status)} ·{' '}
              {t('dv.measures.breaches', { count: measure.breachCount })}
              {record.abilities.canEdit && measure.status === 'active' && (
                <span className="dv-actions">
                  {(['checkin', 'missed_checkin', 'breach'] as const).map((kind) => (
                    <button
                      key={kind}
                      type="button"
                      className="button small"
                      onClick={() => void measureEvent.run(measure.id, kind).then((ok) => ok !== undefined && refresh())}
                    >
                      {kind === 'checkin'
                        ? t('dv.measures.checkin')
                        : kind === 'breach'
                          ? t('dv.measures.breach')
                          : t('dv.measures.missed')}
                    </button>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
        {canEdit && open !== 'measure' && (
          <button type="button" className="button" onClick={() => setOpen('measure')}>
            {t('dv.measures.add')}
          </button>
        )}
        {open === 'measure' && (
          <MeasureForm
            record={record}
            onChanged={() => {
              setOpen(null);
              refresh();
            }}
          />
        )}
      </section>

      <section className="dv-section">
        <h2>{t('dv.tasks.title')}</h2>
        <ProblemMessage error={completeTask.error} />
        <ul className="dv-list">
          {record.tasks.map((task) => (
            <li key={task.id}>
              {taskKindName(t, task.kind, task.title, task.params)} · {t('dv.tasks.due', { at: format.dateTime(task.dueAt) })} ·{' '}
              {taskStatusName(t, task.status)}
              {record.abilities.canEdit && task.status === 'open' && (
                <button
                  type="button"
                  className="button small"
                  onClick={() => void completeTask.run(task.id).then((ok) => ok !== undefined && refresh())}
                >
                  {t('dv.tasks.complete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <ReferralsPanel record={record} onChanged={refresh} />

      {record.attachments.length > 0 && (
        <section className="dv-section">
          <h2>{t('dv.attachments.title')}</h2>
          <p className="muted">{t('dv.attachments.noStorage')}</p>
          <ul className="dv-list">
            {record.attachments.map((a) => (
              <li key={a.id}>
                {a.name} · {a.contentType} · {format.number(Math.ceil(a.sizeBytes / 1024))} KB · {format.dateTime(a.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="dv-section" data-testid="dv-child-notifications">
        <h2>{t('dv.children.title')}</h2>
        {record.childNotifications.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="dv-list">
          {record.childNotifications.map((notice) => (
            <li key={notice.id}>
              {t('dv.children.visibleFrom', { at: format.dateTime(notice.visibleFrom) })} · {notificationStatusName(t, notice.status)}
            </li>
          ))}
        </ul>
      </section>

      {record.abilities.canEdit && record.status === 'open' && <CloseCase record={record} onChanged={onChanged} />}

      <section className="dv-section">
        <h2>{t('dv.timeline.title')}</h2>
        <ProblemMessage error={timeline.error} />
        <ol className="dv-timeline">
          {timeline.data?.items.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {timelineText(t, entry)}{' '}
              <span className="muted">({entry.actor})</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function CloseCase({ record, onChanged }: { record: DvCaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const close = useMutation((body: unknown) => api.patch<DvCaseDetail>(`/api/family-safety/cases/${record.id}`, body));
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await close.run({ version: record.version, status: 'closed', closedReason: reason.trim() })) onChanged();
  }
  return (
    <section className="dv-section">
      <h2>{t('dv.close.title')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        {close.error?.code === 'conflict' ? (
          <div className="problem" role="alert" data-code="conflict">
            <p className="problem-title">{t('dv.conflict')}</p>
            <button type="button" className="button" onClick={onChanged}>
              {t('settlement.loadLatest')}
            </button>
          </div>
        ) : (
          <ProblemMessage error={close.error} />
        )}
        <div className="form-field">
          <label htmlFor="dv-close-reason">{t('dv.close.reason')}</label>
          <textarea id="dv-close-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={close.isPending}>
            {t('dv.close.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function BreakGlass({ caseId, onGranted }: { caseId: string; onGranted(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const grant = useMutation((body: unknown) =>
    api.post<DvAccessGrant>(`/api/family-safety/cases/${encodeURIComponent(caseId)}/access`, body),
  );
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (await grant.run({ reason: reason.trim() })) onGranted();
  }
  return (
    <div className="page" data-testid="dv-break-glass">
      <h1>{t('dv.breakGlass.title')}</h1>
      <p>{t('dv.breakGlass.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ProblemMessage error={grant.error} />
        <div className="form-field">
          <label htmlFor="dv-break-glass-reason">{t('dv.breakGlass.reason')}</label>
          <textarea id="dv-break-glass-reason" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={grant.isPending}>
            {t('dv.breakGlass.submit')}
          </button>
          <Link className="button" to="/family-safety/cases">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
