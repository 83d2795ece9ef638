import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable } from '../../components/data-table';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { DvMeeting, Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { meetingStatusName } from './dv-labels';

/** Multi-agency risk meetings of the caller's region, newest first. */
export function MeetingsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { regionName } = useRegions();
  const { page } = useListParams([]);
  useDocumentTitle(t('nav.dvMeetings'));
  const { data, error, isLoading } = useApiQuery<Page<DvMeeting>>(withQuery('/api/family-safety/meetings', { page, pageSize: 20 }));
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.dvMeetings')}</h1>
        <p className="muted">{t('dv.meetings.intro')}</p>
        {can('dv_cases.write') && (
          <Link className="button primary" to="/family-safety/meetings/new">
            {t('dv.meetings.new')}
          </Link>
        )}
      </header>
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.dvMeetings')}
        rows={data?.items}
        rowKey={(row) => row.id}
        isLoading={isLoading}
        columns={[
          {
            key: 'when',
            header: t('dv.meetings.scheduledAt'),
            render: (row) => <Link to={`/family-safety/meetings/${row.id}`}>{format.dateTime(row.scheduledAt)}</Link>,
          },
          { key: 'region', header: t('dv.field.region'), render: (row) => regionName(row.regionCode) },
          { key: 'status', header: t('dv.field.status'), render: (row) => meetingStatusName(t, row.status) },
          { key: 'cases', header: t('dv.meetings.cases'), render: (row) => row.cases.map((c) => c.code).join(', ') },
          {
            key: 'actions',
            header: t('dv.meetings.openActions'),
            render: (row) => format.number(row.actions.filter((a) => a.status === 'open').length),
            isNumeric: true,
          },
        ]}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
