import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import type { OmResourceDetail } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { NotFoundPage } from '../not-found-page';
import { OmEvidenceList } from './om-evidence-list';
import { kindName, labelName, resourceTitle, scoreText, sourceName } from './om-labels';
import { OmStatusBadge, OmTimeline } from './om-parts';
import { OmResourceActions } from './om-resource-actions';

/** One resource: what it is, why the classifier flagged it, indicators, shop, decisions, checks, evidence, timeline. */
export function OmResourcePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { regionName } = useRegions();
  const { data, error, reload } = useApiQuery<OmResourceDetail>(`/api/online-markets/resources/${encodeURIComponent(id)}`);
  useDocumentTitle(data?.locator ?? t('om.resource.title'));
  if (error?.code === 'not_found') return <NotFoundPage />;

  return (
    <div className="page" data-testid="om-resource-page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/online-markets/queue">{t('nav.omQueue')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <header className="page-header">
            <h1 className="om-locator">{resourceTitle(t, data)}</h1>
            <p className="muted">
              {kindName(t, data.kind)} · <OmStatusBadge status={data.status} />
              {data.isMirror && <span className="badge om-mirror">{t('om.mirror')}</span>}
            </p>
          </header>
          <OmResourceActions resource={data} onChanged={reload} />
          <dl className="record">
            <div>
              <dt>{t('om.field.label')}</dt>
              <dd>{labelName(t, data.label)}</dd>
            </div>
            <div>
              <dt>{t('om.field.score')}</dt>
              <dd>{scoreText(data.score)}</dd>
            </div>
            <div>
              <dt>{t('om.field.shop')}</dt>
              <dd>{data.shopId ? <Link to={`/online-markets/shops/${encodeURIComponent(data.shopId)}`}>{data.shopCode}</Link> : '—'}</dd>
            </div>
            <div>
              <dt>{t('om.field.firstSeen')}</dt>
              <dd>{format.dateTime(data.firstSeenAt)}</dd>
            </div>
            <div>
              <dt>{t('om.field.statusChanged')}</dt>
              <dd>{format.dateTime(data.statusChangedAt)}</dd>
            </div>
            <div>
              <dt>{t('om.field.region')}</dt>
              <dd>{regionName(data.regionCode) || '—'}</dd>
            </div>
            {data.telegramId && (
              <div>
                <dt>{t('om.field.telegramId')}</dt>
                <dd>{data.telegramId}</dd>
              </div>
            )}
            <div className="wide">
              <dt>{t('om.field.locator')}</dt>
              <dd className="om-locator">{data.locator}</dd>
            </div>
            {data.captureError && (
              <div className="wide">
                <dt>{t('om.field.captureError')}</dt>
                <dd>{data.captureError}</dd>
              </div>
            )}
          </dl>
          <div className="om-two">
            <section className="om-section">
              <h2>{t('om.resource.reasons')}</h2>
              {data.reasons.length === 0 ? (
                <p className="muted">{t('common.none')}</p>
              ) : (
                <ul className="om-reasons" data-testid="om-reasons">
                  {data.reasons.map((r, i) => (
                    <li key={`${i}-${r}`}>{r}</li>
                  ))}
                </ul>
              )}
            </section>
            <section className="om-section">
              <h2>{t('om.resource.indicators')}</h2>
              {data.indicators.length === 0 ? (
                <p className="muted">{t('common.none')}</p>
              ) : (
                <ul className="om-reasons" data-testid="om-indicators">
                  {data.indicators.map((i) => (
                    <li key={`${i.type}:${i.value}`}>
                      <strong>{kindName(t, i.type)}</strong> <span className="om-locator">{i.value}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          {data.textSample && (
            <section className="om-section">
              <h2>{t('om.resource.text')}</h2>
              <p className="om-sample">{data.textSample}</p>
            </section>
          )}
          <section className="om-section">
            <h2>{t('om.resource.decisions')}</h2>
            <DataTable
              caption={t('om.resource.decisions')}
              rows={data.decisions}
              rowKey={(d) => `${d.action}-${d.decidedAt}`}
              columns={[
                {
                  key: 'action',
                  header: t('om.decision.action'),
                  render: (d) => (d.action === 'approve' ? t('om.action.approve') : t('om.action.restore')),
                },
                { key: 'basis', header: t('om.decision.legalBasis'), render: (d) => d.legalBasis },
                { key: 'number', header: t('om.decision.number'), render: (d) => d.decisionNumber },
                { key: 'date', header: t('om.decision.date'), render: (d) => format.date(d.decisionDate) },
                { key: 'body', header: t('om.decision.body'), render: (d) => d.decisionBody },
                { key: 'reason', header: t('om.decision.reason'), render: (d) => d.reason },
                { key: 'by', header: t('om.decision.by'), render: (d) => `${d.decidedBy}, ${format.dateTime(d.decidedAt)}` },
              ]}
            />
          </section>
          <section className="om-section">
            <h2>{t('om.resource.checks')}</h2>
            <DataTable
              caption={t('om.resource.checks')}
              rows={data.checks}
              rowKey={(c) => c.checkedAt}
              columns={[
                { key: 'at', header: t('om.check.at'), render: (c) => format.dateTime(c.checkedAt) },
                {
                  key: 'reachable',
                  header: t('om.check.result'),
                  render: (c) => (c.reachable ? t('om.check.reachable') : t('om.check.blocked')),
                },
                { key: 'http', header: t('om.evidence.http'), render: (c) => c.httpStatus ?? '—', isNumeric: true },
                { key: 'error', header: t('om.check.error'), render: (c) => c.error ?? '—' },
              ]}
            />
          </section>
          <section className="om-section">
            <h2>{t('om.resource.sources')}</h2>
            <ul className="om-reasons">
              {data.submissions.map((s, i) => (
                <li key={`${s.createdAt}-${i}`}>
                  {format.dateTime(s.createdAt)} · {sourceName(t, s.source)} · {kindName(t, s.inputKind)}
                  {s.regionCode ? ` · ${regionName(s.regionCode)}` : ''}
                </li>
              ))}
            </ul>
          </section>
          {can('om.evidence') && <OmEvidenceList resourceId={data.id} />}
          <section className="om-section">
            <h2>{t('om.timeline')}</h2>
            <OmTimeline events={data.events} />
          </section>
        </>
      )}
    </div>
  );
}
