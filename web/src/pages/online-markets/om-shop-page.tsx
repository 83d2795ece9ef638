import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NetworkGraph, type GraphEdge, type GraphNode } from '../../charts/network-graph';
import { DataTable } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import type { OmShop } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { NotFoundPage } from '../not-found-page';
import { kindName, labelName, resourceTitle, scoreText } from './om-labels';
import { OmStatusBadge, OmTimeline } from './om-parts';

const PAYMENT = new Set(['card', 'phone', 'crypto']);

/** The shop's graph in the picture's vocabulary: shop, resources (mirrors stand out), handles, payments. */
export function shopGraph(shop: OmShop): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const resources = new Map(shop.resources.map((r) => [r.id, r]));
  const nodes = shop.graph.nodes.map((n): GraphNode => {
    if (n.type === 'shop') return { id: n.id, label: n.label, kind: 'shop', emphasis: 1 };
    const r = resources.get(n.id);
    if (r) return { id: n.id, label: n.label, kind: r.isMirror ? 'mirror' : 'resource', emphasis: r.isMirror ? 0.5 : 0 };
    if (n.type === 'telegram') return { id: n.id, label: `@${n.label}`, kind: 'telegram' };
    if (PAYMENT.has(n.type)) return { id: n.id, label: n.label, kind: 'payment' };
    return { id: n.id, label: n.label, kind: 'other' };
  });
  const edges = shop.graph.edges.map((e): GraphEdge => ({
    source: e.from,
    target: e.to,
    weight: e.kind === 'mirror' ? 2 : 1,
    label: e.kind,
  }));
  return { nodes, edges };
}

/** A shop profile: summary, the graph of its resources, handles and payment identifiers, and its timeline. */
export function OmShopPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { data, error } = useApiQuery<OmShop>(`/api/online-markets/shops/${encodeURIComponent(id)}`);
  useDocumentTitle(data ? `${data.code}` : t('om.shop.title'));
  const graph = useMemo(() => (data ? shopGraph(data) : null), [data]);
  if (error?.code === 'not_found') return <NotFoundPage />;
  const mirrors = data?.resources.filter((r) => r.isMirror).length ?? 0;

  return (
    <div className="page" data-testid="om-shop-page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/online-markets/queue">{t('nav.omQueue')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && graph && (
        <>
          <header className="page-header">
            <h1>
              {t('om.shop.title')} {data.code}
            </h1>
            {!/^[0-9a-f]{32,}$/.test(data.name) && <p className="muted">{data.name}</p>}
          </header>
          {data.mergedInto && (
            <p className="banner warning" role="note">
              {t('om.shop.merged', { code: data.mergedInto })}
            </p>
          )}
          <dl className="om-figures">
            <div>
              <dt>{t('om.shop.resources')}</dt>
              <dd>{format.number(data.resources.length)}</dd>
            </div>
            <div>
              <dt>{t('om.shop.mirrors')}</dt>
              <dd data-testid="om-shop-mirrors">{format.number(mirrors)}</dd>
            </div>
            <div>
              <dt>{t('om.shop.handles')}</dt>
              <dd>{format.number(data.handles.length)}</dd>
            </div>
            <div>
              <dt>{t('om.shop.payments')}</dt>
              <dd>{format.number(data.paymentIdentifiers.length)}</dd>
            </div>
            <div>
              <dt>{t('om.field.firstSeen')}</dt>
              <dd className="om-small">{format.date(data.firstSeenAt)}</dd>
            </div>
            <div>
              <dt>{t('om.shop.lastSeen')}</dt>
              <dd className="om-small">{format.date(data.lastSeenAt)}</dd>
            </div>
          </dl>
          <NetworkGraph
            title={t('om.shop.graph')}
            nodes={graph.nodes}
            edges={graph.edges}
            kindName={(kind) => kindName(t, kind)}
            height={340}
            onSelect={(nodeId) => {
              if (data.resources.some((r) => r.id === nodeId)) void navigate(`/online-markets/resources/${encodeURIComponent(nodeId)}`);
            }}
          />
          <section className="om-section">
            <h2>{t('om.shop.resources')}</h2>
            <DataTable
              caption={t('om.shop.resources')}
              rows={data.resources}
              rowKey={(r) => r.id}
              columns={[
                {
                  key: 'locator',
                  header: t('om.field.locator'),
                  render: (r) => (
                    <>
                      <Link className="om-locator" to={`/online-markets/resources/${encodeURIComponent(r.id)}`}>
                        {resourceTitle(t, r)}
                      </Link>
                      {r.isMirror && <span className="badge om-mirror">{t('om.mirror')}</span>}
                    </>
                  ),
                },
                { key: 'kind', header: t('om.field.kind'), render: (r) => kindName(t, r.kind) },
                { key: 'label', header: t('om.field.label'), render: (r) => labelName(t, r.label) },
                { key: 'score', header: t('om.field.score'), render: (r) => scoreText(r.score), isNumeric: true },
                { key: 'status', header: t('om.field.status'), render: (r) => <OmStatusBadge status={r.status} /> },
              ]}
            />
          </section>
          <div className="om-two">
            <section className="om-section">
              <h2>{t('om.shop.handles')}</h2>
              <ul className="om-reasons" data-testid="om-shop-handles">
                {data.handles.length === 0 && <li className="muted">{t('common.none')}</li>}
                {data.handles.map((h) => (
                  <li key={h}>@{h}</li>
                ))}
                {data.domains.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </section>
            <section className="om-section">
              <h2>{t('om.shop.payments')}</h2>
              <ul className="om-reasons" data-testid="om-shop-payments">
                {data.paymentIdentifiers.length === 0 && <li className="muted">{t('common.none')}</li>}
                {data.paymentIdentifiers.map((p) => (
                  <li key={`${p.type}:${p.value}`}>
                    <strong>{kindName(t, p.type)}</strong> <span className="om-locator">{p.value}</span>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <section className="om-section">
            <h2>{t('om.timeline')}</h2>
            <OmTimeline events={data.timeline} linkResources />
          </section>
        </>
      )}
    </div>
  );
}
