import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { withQuery } from '../../lib/api';
import type { PayNetwork } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Facts } from './facts';
import { NetworkPanel } from './network-panel';
import { alertStatusName, percent, roleName } from './pay-labels';

/** One account by its stored key: score, role, alert, the ads it came from and the network around it. */
export function AccountPage() {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const { data, error } = useApiQuery<PayNetwork>(withQuery(`/api/payments/accounts/${encodeURIComponent(key)}/network`, { hops: 2 }));
  const root = data?.nodes.find((n) => n.hop === 0);
  const label = root?.label ?? data?.roots[0] ?? '…';
  useDocumentTitle(t('pay.account.title', { account: label }));
  if (error) return <ProblemMessage error={error} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  return (
    <div className="page" data-testid="pay-account-page">
      <header className="page-header">
        <p className="muted">
          <Link to="/payments/alerts">{t('nav.payAlerts')}</Link>
        </p>
        <h1>{t('pay.account.title', { account: label })}</h1>
      </header>
      {root && (
        <Facts
          items={[
            { label: t('pay.field.score'), value: percent(root.score) },
            { label: t('pay.field.role'), value: roleName(t, root.role) },
            { label: t('pay.node.watchlisted'), value: root.isWatchlisted ? t('common.yes') : t('common.no') },
            {
              label: t('pay.field.alert'),
              value: root.alertId ? <Link to={`/payments/alerts/${root.alertId}`}>{alertStatusName(t, root.alertStatus)}</Link> : '—',
            },
          ]}
        />
      )}
      <NetworkPanel network={data} title={t('pay.network.title')} />
    </div>
  );
}
