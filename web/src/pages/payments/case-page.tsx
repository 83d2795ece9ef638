import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { api } from '../../lib/api';
import type { PayAlert, PayCaseDetail, PayReport, PayReportKind } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMutation } from '../../lib/use-mutation';
import { Facts } from './facts';
import { NetworkPanel } from './network-panel';
import { alertStatusName, caseStatusName, dispositionName, percent, reportKindName, roleName } from './pay-labels';
import { ReportView } from './report-view';
import { Comments, DispositionForm } from './triage-forms';

/** A payment case: its alerts, network snapshot, comments, disposition and the FM-1 / freeze outputs. */
export function PayCasePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const { data, error, reload } = useApiQuery<PayCaseDetail>(`/api/payments/cases/${encodeURIComponent(id)}`);
  useDocumentTitle(data ? `${data.code} · ${data.title}` : t('nav.payCases'));
  if (error) return <ProblemMessage error={error} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;

  const alertColumns: Column<PayAlert>[] = [
    { key: 'account', header: t('pay.field.account'), render: (a) => <Link to={`/payments/alerts/${a.id}`}>{a.account}</Link> },
    { key: 'score', header: t('pay.field.score'), render: (a) => percent(a.score), isNumeric: true },
    { key: 'role', header: t('pay.field.role'), render: (a) => roleName(t, a.role) },
    { key: 'reasons', header: t('pay.field.reasons'), render: (a) => a.reasons.join('; ') },
    { key: 'status', header: t('pay.field.status'), render: (a) => alertStatusName(t, a.status) },
  ];

  return (
    <div className="page" data-testid="pay-case-page">
      <header className="page-header">
        <p className="muted">
          <Link to="/payments/cases">{t('nav.payCases')}</Link>
        </p>
        <h1>
          {data.code} · {data.title}
        </h1>
      </header>
      <Facts
        items={[
          { label: t('pay.field.status'), value: caseStatusName(t, data.status), testId: 'pay-case-status' },
          { label: t('pay.disposition.title'), value: dispositionName(t, data.disposition), testId: 'pay-case-disposition' },
          { label: t('pay.field.accounts'), value: data.accounts.join(', ') },
          { label: t('pay.field.assignee'), value: data.assignee ?? '—' },
          { label: t('pay.field.createdAt'), value: `${format.dateTime(data.createdAt)} (${data.createdBy})` },
        ]}
      />
      <section className="dv-section">
        <h2>{t('pay.case.alerts')}</h2>
        <DataTable caption={t('pay.case.alerts')} columns={alertColumns} rows={data.alerts} rowKey={(a) => a.id} />
      </section>
      {data.network ? (
        <NetworkPanel network={data.network} title={t('pay.case.network')} />
      ) : (
        <p className="muted">{t('pay.network.empty')}</p>
      )}
      <Outputs record={data} onChanged={reload} />
      <Comments
        comments={data.comments}
        postPath={`/api/payments/cases/${data.id}/comments`}
        canWrite={data.abilities.canTriage}
        onChanged={reload}
      />
      <DispositionForm
        dispositions={data.dispositions}
        postPath={`/api/payments/cases/${data.id}/disposition`}
        version={data.version}
        canWrite={data.abilities.canTriage}
        onChanged={reload}
      />
    </div>
  );
}

/** Generate the FM-1-structured report or the freeze recommendation; list and show the stored ones. */
function Outputs({ record, onChanged }: { record: PayCaseDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [shown, setShown] = useState<string | null>(record.reports[0]?.id ?? null);
  const [bank, setBank] = useState('');
  const generate = useMutation((body: { kind: PayReportKind; bank?: string }) =>
    api.post<PayReport>(`/api/payments/cases/${record.id}/reports`, body),
  );

  async function run(kind: PayReportKind) {
    const body = kind === 'freeze' && bank.trim() ? { kind, bank: bank.trim() } : { kind };
    const report = await generate.run(body);
    if (report) {
      setShown(report.id);
      onChanged();
    }
  }
  function onFreeze(event: FormEvent) {
    event.preventDefault();
    void run('freeze');
  }

  return (
    <section className="dv-section" data-testid="pay-outputs">
      <h2>{t('pay.report.title')}</h2>
      {record.abilities.canReport && (
        <form className="form inline-form" onSubmit={onFreeze} noValidate>
          <ProblemMessage error={generate.error} />
          <button
            type="button"
            className="button primary"
            data-testid="pay-generate-fm1"
            disabled={generate.isPending}
            onClick={() => void run('fm1')}
          >
            {t('pay.report.generateFm1')}
          </button>
          <div className="form-field">
            <label htmlFor="pay-freeze-bank">{t('pay.report.bank')}</label>
            <input id="pay-freeze-bank" value={bank} onChange={(event) => setBank(event.target.value)} />
          </div>
          <button type="submit" className="button primary" data-testid="pay-generate-freeze" disabled={generate.isPending}>
            {t('pay.report.generateFreeze')}
          </button>
        </form>
      )}
      {record.reports.length === 0 && <p className="muted">{t('common.none')}</p>}
      <ul className="dv-list" data-testid="pay-report-list">
        {record.reports.map((r) => (
          <li key={r.id} data-kind={r.kind}>
            <button type="button" className="link-button" aria-pressed={shown === r.id} onClick={() => setShown(r.id)}>
              {reportKindName(t, r.kind)}
            </button>{' '}
            · {format.dateTime(r.createdAt)} <span className="muted">({r.createdBy})</span>
          </li>
        ))}
      </ul>
      {shown && <ReportView key={shown} reportId={shown} />}
    </section>
  );
}
