import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api, withQuery } from '../../lib/api';
import type { PayAlert, PayAlertHistory, PayNetwork } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { Facts } from './facts';
import { NetworkPanel } from './network-panel';
import { alertStatusName, percent, roleName } from './pay-labels';
import { Comments, DispositionForm, WriteProblem } from './triage-forms';

/** The key the network view takes: the stored key when sent, a clear (non-card) identifier otherwise. */
export function networkKeyOf(alert: PayAlert): string | null {
  if (alert.accountKey) return alert.accountKey;
  return alert.account.startsWith('****') ? null : alert.account;
}

/** Network around one account key, 2 hops, with its flows and ads. */
export function AccountNetwork({ accountKey, title }: { accountKey: string; title: string }) {
  const { t } = useTranslation();
  const { data, error, isLoading } = useApiQuery<PayNetwork>(
    withQuery(`/api/payments/accounts/${encodeURIComponent(accountKey)}/network`, { hops: 2 }),
  );
  if (error) return <ProblemMessage error={error} />;
  if (isLoading || !data) return <p role="status">{t('common.loading')}</p>;
  return <NetworkPanel network={data} title={title} />;
}

/** One alert: score with its reasons and rules, assignment, comments, disposition and the network around it. */
export function AlertPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { id = '' } = useParams();
  const alert = useApiQuery<PayAlert>(`/api/payments/alerts/${encodeURIComponent(id)}`);
  const history = useApiQuery<PayAlertHistory>(`/api/payments/alerts/${encodeURIComponent(id)}/comments`);
  const assign = useMutation((a: PayAlert) =>
    api.patch<PayAlert>(`/api/payments/alerts/${a.id}`, { version: a.version, assignee: session.user.username }),
  );
  useDocumentTitle(alert.data ? t('pay.alert.title', { account: alert.data.account }) : t('nav.payAlerts'));
  const reload = () => {
    alert.reload();
    history.reload();
  };
  if (alert.error) return <ProblemMessage error={alert.error} />;
  const a = alert.data;
  if (!a) return <p role="status">{t('common.loading')}</p>;
  const key = networkKeyOf(a);

  return (
    <div className="page" data-testid="pay-alert-page">
      <header className="page-header with-actions">
        <div>
          <p className="muted">
            <Link to="/payments/alerts">{t('nav.payAlerts')}</Link>
          </p>
          <h1>{t('pay.alert.title', { account: a.account })}</h1>
        </div>
        {a.abilities.canTriage && a.assignee !== session.user.username && (
          <button
            type="button"
            className="button"
            data-testid="pay-alert-assign"
            disabled={assign.isPending}
            onClick={async () => (await assign.run(a)) && reload()}
          >
            {t('pay.alerts.assignMe')}
          </button>
        )}
      </header>
      <WriteProblem error={assign.error} onReload={reload} />
      <Facts
        items={[
          { label: t('pay.field.score'), value: percent(a.score), testId: 'pay-alert-score' },
          { label: t('pay.field.role'), value: roleName(t, a.role) },
          { label: t('pay.field.status'), value: alertStatusName(t, a.status), testId: 'pay-alert-status' },
          { label: t('pay.field.assignee'), value: a.assignee ?? '—', testId: 'pay-alert-assignee' },
          { label: t('pay.field.createdAt'), value: format.dateTime(a.createdAt) },
        ]}
      />
      <section className="dv-section">
        <h2>{t('pay.field.reasons')}</h2>
        <ul className="dv-list" data-testid="pay-reasons">
          {a.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        <p>
          {t('pay.alert.rules')}:{' '}
          {a.rules.length === 0
            ? '—'
            : a.rules.map((rule) => (
                <code key={rule} className="pay-rule">
                  {rule}
                </code>
              ))}{' '}
          <Link to="/payments/rules">{t('nav.payRules')}</Link>
        </p>
      </section>
      {history.data && (
        <>
          <Comments
            comments={history.data.items}
            postPath={`/api/payments/alerts/${a.id}/comments`}
            canWrite={a.abilities.canTriage}
            onChanged={reload}
          />
          <DispositionForm
            dispositions={history.data.dispositions}
            postPath={`/api/payments/alerts/${a.id}/disposition`}
            version={a.version}
            canWrite={a.abilities.canTriage}
            onChanged={reload}
          />
        </>
      )}
      <ProblemMessage error={history.error} />
      {key ? <AccountNetwork accountKey={key} title={t('pay.network.title')} /> : <p className="muted">{t('pay.alert.networkInCase')}</p>}
    </div>
  );
}
