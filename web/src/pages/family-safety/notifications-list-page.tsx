import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { DvChildNotification, Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { notificationStatusName } from './dv-labels';

/** The school contact's inbox: pupils who may need support; minimal content, parents are not contacted. */
export function NotificationsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { page } = useListParams([]);
  useDocumentTitle(t('nav.dvNotifications'));
  const { data, error, isLoading } = useApiQuery<Page<DvChildNotification>>(
    withQuery('/api/family-safety/child-notifications', { page, pageSize: 20 }),
  );
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.dvNotifications')}</h1>
        <p className="muted">{t('dv.notifications.intro')}</p>
      </header>
      <p className="banner warning" role="note" data-testid="no-parents-note">
        {t('dv.notifications.noParents')}
      </p>
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.dvNotifications')}
        rows={data?.items}
        rowKey={(row) => row.id}
        isLoading={isLoading}
        columns={[
          {
            key: 'child',
            header: t('dv.field.child'),
            render: (row) => (
              <Link to={`/family-safety/notifications/${row.id}`}>
                {row.child.lastName} {row.child.firstName}
              </Link>
            ),
          },
          { key: 'class', header: t('dv.field.schoolClass'), render: (row) => row.child.schoolClass ?? '' },
          { key: 'school', header: t('dv.field.school'), render: (row) => row.school.name },
          { key: 'visible', header: t('dv.field.visibleFrom'), render: (row) => format.dateTime(row.visibleFrom) },
          { key: 'status', header: t('dv.field.status'), render: (row) => notificationStatusName(t, row.status) },
        ]}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
