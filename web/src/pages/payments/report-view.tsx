import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import type { PayReport } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { reportKindName } from './pay-labels';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field names as written by the server (`reportNumber` → "report number"): the forms are in their own language. */
const words = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

function Scalar({ value }: { value: Json }) {
  const format = useFormat();
  if (value === null) return <>—</>;
  if (typeof value === 'number') return <>{format.number(value)}</>;
  if (typeof value === 'boolean') return <>{String(value)}</>;
  if (typeof value === 'string') return <>{value}</>;
  return <code>{JSON.stringify(value)}</code>;
}

/** A stored output's body drawn as it is: objects as term lists, lists of records as tables. */
function Value({ value, depth }: { value: Json; depth: number }) {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecord)) {
      const rows = value as { [key: string]: Json }[];
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                {keys.map((k) => (
                  <th key={k} scope="col">
                    {words(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 200).map((r, i) => (
                <tr key={i}>
                  {keys.map((k) => (
                    <td key={k}>
                      {isRecord(r[k] ?? null) ? <Value value={r[k] ?? null} depth={depth + 1} /> : <Scalar value={r[k] ?? null} />}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    return (
      <>
        {value.map((v, i) =>
          isRecord(v) ? (
            <Value key={i} value={v} depth={depth + 1} />
          ) : (
            <span key={i}>
              {i > 0 ? '; ' : ''}
              <Scalar value={v} />
            </span>
          ),
        )}
      </>
    );
  }
  if (isRecord(value)) {
    return (
      <dl className={depth === 0 ? 'record pay-report-body' : 'record nested'}>
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className={depth === 0 && typeof v === 'object' && v !== null ? 'wide' : undefined}>
            <dt>{words(k)}</dt>
            <dd>
              <Value value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <Scalar value={value} />;
}

/** One generated output (FM-1 report or freeze recommendation) with its printable and CSV downloads. */
export function ReportView({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useApiQuery<PayReport>(`/api/payments/reports/${encodeURIComponent(reportId)}`);
  if (error) return <ProblemMessage error={error} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const printable = `/api/payments/reports/${data.id}/printable`;
  return (
    <article className="pay-report" data-testid={`pay-report-${data.kind}`}>
      <h3>
        {reportKindName(t, data.kind)} · {format.dateTime(data.createdAt)} <span className="muted">({data.createdBy})</span>
      </h3>
      <p className="form-actions">
        <a className="button" href={`${printable}?format=html`} target="_blank" rel="noreferrer">
          {t('pay.report.printable')}
        </a>
        <a className="button" href={`${printable}?format=csv`} download={`${data.kind}-${data.id}.csv`}>
          {t('pay.report.csv')}
        </a>
      </p>
      <Value value={data.body as Json} depth={0} />
    </article>
  );
}
