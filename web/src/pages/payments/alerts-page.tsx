import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../auth/session-context';
import { DataTable, type Column } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api, withQuery } from '../../lib/api';
import type { Page } from '../../lib/api-types';
import { PAY_ALERT_STATUSES, PAY_ROLES, type PayAlert, type PayCaseSummary } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { alertStatusName, percent, roleName } from './pay-labels';

const PAGE_SIZE = 25;
const FILTERS = ['status', 'role'] as const;

/** The FIU alerts queue, highest score first: select alerts, assign them, merge them into a case. */
export function AlertsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.payAlerts'));
  const { data, error, isLoading, reload } = useApiQuery<Page<PayAlert>>(
    withQuery('/api/payments/alerts', { status: filters.status, page, pageSize: PAGE_SIZE }),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const canTriage = can('payments.triage');
  // The API filters by status; the role filter narrows the page on screen.
  const rows = data?.items.filter((a) => !filters.role || a.role === filters.role);
  const chosen = data?.items.filter((a) => selected.has(a.id)) ?? [];

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const columns: Column<PayAlert>[] = [
    ...(canTriage
      ? [
          {
            key: 'select',
            header: t('pay.alerts.select'),
            render: (a: PayAlert) => (
              <input
                type="checkbox"
                aria-label={t('pay.alerts.selectOne', { account: a.account })}
                checked={selected.has(a.id)}
                onChange={() => toggle(a.id)}
                data-alert-id={a.id}
              />
            ),
          },
        ]
      : []),
    { key: 'account', header: t('pay.field.account'), render: (a) => <Link to={`/payments/alerts/${a.id}`}>{a.account}</Link> },
    { key: 'score', header: t('pay.field.score'), render: (a) => percent(a.score), isNumeric: true },
    { key: 'role', header: t('pay.field.role'), render: (a) => roleName(t, a.role) },
    {
      key: 'reasons',
      header: t('pay.field.reasons'),
      render: (a) => (
        <span className="pay-reasons">
          {a.reasons.slice(0, 2).join('; ')}
          {a.reasons.length > 2 ? ` (+${a.reasons.length - 2})` : ''}
        </span>
      ),
    },
    { key: 'status', header: t('pay.field.status'), render: (a) => alertStatusName(t, a.status) },
    { key: 'assignee', header: t('pay.field.assignee'), render: (a) => a.assignee ?? '—' },
    { key: 'created', header: t('pay.field.createdAt'), render: (a) => format.dateTime(a.createdAt) },
  ];

  return (
    <div className="page" data-testid="pay-alerts-page">
      <header className="page-header with-actions">
        <div>
          <h1>{t('nav.payAlerts')}</h1>
          <p className="muted">{t('pay.alerts.intro')}</p>
        </div>
        <Link className="button" to="/payments/cases">
          {t('nav.payCases')}
        </Link>
      </header>
      <p className="banner synthetic" role="note">
        {t('pay.nationalBanner')}
      </p>
      <FilterBar
        label={t('common.filters')}
        fields={[
          {
            name: 'status',
            label: t('pay.field.status'),
            type: 'select',
            options: PAY_ALERT_STATUSES.map((value) => ({ value, label: alertStatusName(t, value) })),
          },
          {
            name: 'role',
            label: t('pay.field.role'),
            type: 'select',
            options: PAY_ROLES.map((value) => ({ value, label: roleName(t, value) })),
          },
        ]}
      />
      <ProblemMessage error={error} />
      {canTriage && (
        <SelectionActions
          chosen={chosen}
          onDone={() => {
            setSelected(new Set());
            reload();
          }}
        />
      )}
      <DataTable
        caption={t('nav.payAlerts')}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        isLoading={isLoading}
        emptyText={Object.values(filters).some(Boolean) ? t('common.noResults') : undefined}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}

/** What can be done with the selected alerts: assign to me, merge into a new or an existing case. */
function SelectionActions({ chosen, onDone }: { chosen: PayAlert[]; onDone(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [title, setTitle] = useState('');
  const [caseId, setCaseId] = useState('');
  const cases = useApiQuery<Page<PayCaseSummary>>('/api/payments/cases?status=open&pageSize=100');
  const assign = useMutation(async (alerts: PayAlert[]) => {
    for (const a of alerts)
      await api.patch<PayAlert>(`/api/payments/alerts/${a.id}`, { version: a.version, assignee: session.user.username });
    return true;
  });
  const create = useMutation((body: unknown) => api.post<PayCaseSummary>('/api/payments/cases', body));
  const merge = useMutation((target: PayCaseSummary, alertIds: string[]) =>
    api.post<PayCaseSummary>(`/api/payments/cases/${target.id}/alerts`, { version: target.version, alertIds }),
  );
  const ids = chosen.map((a) => a.id);
  const isEmpty = chosen.length === 0;

  async function onCreate(event: FormEvent) {
    event.preventDefault();
    const created = await create.run({ title: title.trim(), alertIds: ids });
    if (created) void navigate(`/payments/cases/${created.id}`);
  }
  async function onMerge(event: FormEvent) {
    event.preventDefault();
    const target = cases.data?.items.find((c) => c.id === caseId);
    if (!target) return;
    const merged = await merge.run(target, ids);
    if (merged) void navigate(`/payments/cases/${merged.id}`);
  }

  return (
    <section className="pay-selection" aria-label={t('pay.alerts.selectionTitle')} data-testid="pay-selection">
      <p className="muted" aria-live="polite">
        {t('pay.alerts.selected', { count: chosen.length })}
      </p>
      <ProblemMessage error={assign.error ?? create.error ?? merge.error} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          data-testid="pay-assign-me"
          disabled={isEmpty || assign.isPending}
          onClick={async () => {
            if (await assign.run(chosen)) onDone();
          }}
        >
          {t('pay.alerts.assignMe')}
        </button>
      </div>
      <form className="form inline-form" onSubmit={onCreate} noValidate data-testid="pay-new-case-form">
        <div className="form-field">
          <label htmlFor="pay-case-title">{t('pay.alerts.caseTitle')}</label>
          <input id="pay-case-title" value={title} onChange={(event) => setTitle(event.target.value)} />
        </div>
        <button type="submit" className="button primary" disabled={isEmpty || create.isPending || title.trim().length < 3}>
          {t('pay.alerts.mergeNew')}
        </button>
      </form>
      <form className="form inline-form" onSubmit={onMerge} noValidate data-testid="pay-merge-form">
        <div className="form-field">
          <label htmlFor="pay-case-target">{t('pay.alerts.existingCase')}</label>
          <select id="pay-case-target" value={caseId} onChange={(event) => setCaseId(event.target.value)}>
            <option value="">—</option>
            {cases.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} · {c.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={isEmpty || merge.isPending || caseId === ''}>
          {t('pay.alerts.mergeExisting')}
        </button>
      </form>
    </section>
  );
}
