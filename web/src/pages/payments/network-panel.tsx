import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DailyChart, type DailyPoint } from '../../charts/daily-chart';
import { NetworkGraph, type GraphEdge, type GraphNode } from '../../charts/network-graph';
import { DataTable, type Column } from '../../components/data-table';
import { useFormat } from '../../i18n/use-language';
import type { PayAd, PayNetwork, PayNetworkNode } from '../../lib/payments-types';
import { alertStatusName, nodeKind, nodeKindName, percent, roleName } from './pay-labels';

/** Link to the account page of a stored key (keyed hash for cards, never the number). */
export const accountHref = (key: string) => `/payments/accounts/${encodeURIComponent(key)}`;

/** Amount in and out of the root accounts (hop 0) per day, from the edges' daily series. */
export function flowsPerDay(network: PayNetwork): DailyPoint[] {
  const roots = new Set(network.nodes.filter((n) => n.hop === 0).map((n) => n.id));
  const days = new Map<string, { in: number; out: number }>();
  for (const edge of network.edges) {
    const isIn = roots.has(edge.to);
    const isOut = roots.has(edge.from);
    if (!isIn && !isOut) continue;
    for (const point of edge.series) {
      const day = days.get(point.day) ?? { in: 0, out: 0 };
      if (isIn) day.in += point.amount;
      if (isOut) day.out += point.amount;
      days.set(point.day, day);
    }
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, v]) => ({ day, values: { in: Math.round(v.in), out: Math.round(v.out) } }));
}

type AdRow = PayAd & { key: string; account: string; nodeId: string };

/**
 * The network view: accounts around the roots (roles coloured, watchlisted marked; a click opens the
 * account), money in/out per day, the ads the watchlisted identifiers came from, and every account as a table.
 */
export function NetworkPanel({ network, title }: { network: PayNetwork; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const labels = useMemo(() => new Map(network.nodes.map((n) => [n.id, n.label])), [network]);
  const nodes = useMemo<GraphNode[]>(
    () => network.nodes.map((n) => ({ id: n.id, label: n.label, kind: nodeKind(n), emphasis: n.hop === 0 ? 1 : (n.score ?? 0) / 2 })),
    [network],
  );
  const edges = useMemo<GraphEdge[]>(
    () =>
      network.edges.map((e) => ({
        source: e.from,
        target: e.to,
        weight: e.amount,
        label: `${labels.get(e.from) ?? e.from} → ${labels.get(e.to) ?? e.to}: ${format.number(e.amount)} (${e.count})`,
      })),
    [network, labels, format],
  );
  const points = useMemo(() => flowsPerDay(network), [network]);
  const ads: AdRow[] = network.nodes.flatMap((n) => n.ads.map((ad, i) => ({ ...ad, key: `${n.id}-${i}`, account: n.label, nodeId: n.id })));

  const nodeColumns: Column<PayNetworkNode>[] = [
    {
      key: 'account',
      header: t('pay.field.account'),
      render: (n) => (n.kind === 'cash' ? t('pay.node.cash') : <Link to={accountHref(n.id)}>{n.label}</Link>),
    },
    { key: 'hop', header: t('pay.field.hop'), render: (n) => format.number(n.hop), isNumeric: true },
    { key: 'role', header: t('pay.field.role'), render: (n) => roleName(t, n.role) },
    { key: 'score', header: t('pay.field.score'), render: (n) => percent(n.score), isNumeric: true },
    {
      key: 'alert',
      header: t('pay.field.alert'),
      render: (n) => (n.alertId ? <Link to={`/payments/alerts/${n.alertId}`}>{alertStatusName(t, n.alertStatus)}</Link> : '—'),
    },
    { key: 'watch', header: t('pay.node.watchlisted'), render: (n) => (n.isWatchlisted ? t('common.yes') : t('common.no')) },
  ];
  const adColumns: Column<AdRow>[] = [
    { key: 'account', header: t('pay.field.account'), render: (r) => <Link to={accountHref(r.nodeId)}>{r.account}</Link> },
    { key: 'source', header: t('pay.field.source'), render: (r) => r.source },
    { key: 'shop', header: t('pay.field.shopRef'), render: (r) => r.shopRef ?? '—' },
    { key: 'evidence', header: t('pay.field.evidenceRef'), render: (r) => r.evidenceRef ?? '—' },
  ];

  return (
    <section className="pay-network" data-testid="pay-network">
      <h2>{title}</h2>
      {network.truncated && (
        <p className="banner" role="note">
          {t('pay.network.truncated', { max: network.maxNodes })}
        </p>
      )}
      {network.nodes.length <= 1 && network.edges.length === 0 ? (
        <p className="muted">{t('pay.network.empty')}</p>
      ) : (
        <NetworkGraph
          nodes={nodes}
          edges={edges}
          title={t('pay.network.graphTitle', { nodes: network.nodes.length, edges: network.edges.length })}
          kindName={(kind) => nodeKindName(t, kind)}
          onSelect={(id) => {
            if (id !== 'CASH') void navigate(accountHref(id));
          }}
        />
      )}
      <DailyChart
        title={t('pay.network.flowsTitle')}
        series={[
          { key: 'in', label: t('pay.network.amountIn') },
          { key: 'out', label: t('pay.network.amountOut') },
        ]}
        points={points}
      />
      <h3>{t('pay.network.adsTitle')}</h3>
      <DataTable
        caption={t('pay.network.adsTitle')}
        columns={adColumns}
        rows={ads}
        rowKey={(r) => r.key}
        emptyText={t('pay.network.noAds')}
      />
      <h3>{t('pay.network.accountsTitle')}</h3>
      <DataTable caption={t('pay.network.accountsTitle')} columns={nodeColumns} rows={network.nodes.slice(0, 100)} rowKey={(n) => n.id} />
    </section>
  );
}
