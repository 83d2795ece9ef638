import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { jobStateName } from '../../i18n/messages';
import { useFormat } from '../../i18n/use-language';
import type { JobsOverview } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';

const REFRESH_MS = 5000;

type Queue = JobsOverview['queues'][number];
type Job = JobsOverview['recent'][number];

/** Background queues and recent jobs, refreshed every five seconds while auto-refresh is on. */
export function JobsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [isLive, setIsLive] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<string>();
  useDocumentTitle(t('nav.jobs'));
  const { data, error, isLoading } = useApiQuery<JobsOverview>('/api/jobs', isLive ? { refreshMs: REFRESH_MS } : {});

  useEffect(() => {
    if (data) setUpdatedAt(new Date().toISOString());
  }, [data]);

  const queueColumns: Column<Queue>[] = [
    { key: 'name', header: t('jobs.field.queue'), render: (row) => <code>{row.name}</code> },
    { key: 'queued', header: t('jobs.field.queued'), render: (row) => format.number(row.queued), isNumeric: true },
    { key: 'active', header: t('jobs.field.active'), render: (row) => format.number(row.active), isNumeric: true },
    {
      key: 'completed',
      header: t('jobs.field.completed'),
      render: (row) => format.number(row.completed),
      isNumeric: true,
    },
    {
      key: 'failed',
      header: t('jobs.field.failed'),
      render: (row) => <span className={row.failed > 0 ? 'text-danger' : undefined}>{format.number(row.failed)}</span>,
      isNumeric: true,
    },
  ];
  const jobColumns: Column<Job>[] = [
    { key: 'name', header: t('jobs.field.queue'), render: (row) => <code>{row.name}</code> },
    {
      key: 'state',
      header: t('jobs.field.state'),
      render: (row) => <span className={`badge job-${row.state}`}>{jobStateName(t, row.state)}</span>,
    },
    { key: 'createdOn', header: t('jobs.field.createdOn'), render: (row) => format.dateTime(row.createdOn) },
    { key: 'startedOn', header: t('jobs.field.startedOn'), render: (row) => format.dateTime(row.startedOn) },
    { key: 'completedOn', header: t('jobs.field.completedOn'), render: (row) => format.dateTime(row.completedOn) },
    {
      key: 'retryCount',
      header: t('jobs.field.retries'),
      render: (row) => format.number(row.retryCount),
      isNumeric: true,
    },
  ];

  return (
    <div className="page">
      <header className="page-header with-actions">
        <div>
          <h1>{t('nav.jobs')}</h1>
          <p className="muted" aria-live="off">
            {updatedAt ? t('jobs.updatedAt', { time: format.dateTime(updatedAt) }) : t('common.loading')}
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={isLive} onChange={(event) => setIsLive(event.target.checked)} />
          {t('jobs.autoRefresh')}
        </label>
      </header>
      <ProblemMessage error={error} />
      <section aria-labelledby="queues-title">
        <h2 id="queues-title">{t('jobs.queues')}</h2>
        <DataTable
          caption={t('jobs.queues')}
          columns={queueColumns}
          rows={data?.queues}
          rowKey={(row) => row.name}
          isLoading={isLoading}
          emptyText={t('jobs.noQueues')}
        />
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t('jobs.recent')}</h2>
        <DataTable
          caption={t('jobs.recent')}
          columns={jobColumns}
          rows={data?.recent}
          rowKey={(row) => row.id}
          isLoading={isLoading}
          emptyText={t('jobs.noJobs')}
        />
      </section>
    </div>
  );
}
