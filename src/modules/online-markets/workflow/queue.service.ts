import { sql } from 'kysely';
import { requirePermission } from '../../../kernel/access/actor.ts';
import { paginate } from '../../../kernel/db/paginate.ts';
import { notFound } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { ResourceLabel, ResourceRow, ResourceStatus, SubmissionSource } from './tables.ts';
import { presentCheck, presentDecision, presentEvent, presentIndicator, presentResource } from './workflow.presenter.ts';
import * as repo from './workflow.repository.ts';

export type QueueQuery = {
  status?: ResourceStatus;
  label?: ResourceLabel;
  shop?: string;
  source?: SubmissionSource;
  page: number;
  pageSize: number;
};

/** The review queue: filtered by status, label and shop code; highest score first, then by shop. */
export async function listQueue(p: Platform, ctx: RequestContext, q: QueueQuery) {
  requirePermission(ctx.actor, 'om.read');
  let s = p.db.selectFrom('om_resources as r').leftJoin('om_shops as s', 's.id', 'r.shop_id').selectAll('r').select('s.code as shop_code');
  if (q.status) s = s.where('r.status', '=', q.status);
  if (q.label) s = s.where('r.label', '=', q.label);
  if (q.shop) s = s.where('s.code', '=', q.shop.toUpperCase());
  const source = q.source;
  // resources that at least one submission of that source reached (a citizen report, a crawler find…)
  if (source)
    s = s.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('om_submissions as sub').select('sub.id').whereRef('sub.resource_id', '=', 'r.id').where('sub.source', '=', source),
      ),
    );
  s = s
    .orderBy(sql`r.score desc nulls last`)
    .orderBy(sql`s.code asc nulls last`)
    .orderBy('r.first_seen_at')
    .orderBy('r.id');
  const { rows, total } = await paginate(s, q.page, q.pageSize);
  return {
    items: rows.map((r) => presentResource(r as ResourceRow, (r as { shop_code: string | null }).shop_code, ctx)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One resource with its indicators (cards masked), decisions, checks, sources and timeline. */
export async function getResource(p: Platform, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'om.read');
  const r = await repo.findResource(p.db, id);
  if (!r) throw notFound('resource');
  const shop = r.shop_id ? await repo.findShop(p.db, r.shop_id) : undefined;
  const [indicators, decisions, checks, submissions, events] = [
    await repo.indicatorsOf(p.db, [r.id]),
    await repo.decisionsOf(p.db, r.id),
    await repo.checksOf(p.db, r.id),
    await repo.submissionsOf(p.db, r.id),
    await repo.eventsOf(p.db, { resourceId: r.id }),
  ];
  return {
    ...presentResource(r, shop?.code ?? null, ctx),
    textSample: r.text_sample,
    indicators: indicators.map(presentIndicator),
    decisions: decisions.map(presentDecision),
    checks: checks.map(presentCheck),
    submissions: submissions.map((s) => ({
      source: s.source,
      inputKind: s.input_kind,
      regionCode: s.region_code,
      createdAt: new Date(s.created_at).toISOString(),
    })),
    events: events.map(presentEvent),
  };
}

const PAYMENT_TYPES = new Set(['card', 'phone', 'crypto']);

/** A shop's profile: mirrors, handles, masked payment identifiers, timeline, and a graph for the page. */
export async function getShop(p: Platform, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'om.read');
  const shop = await repo.findShop(p.db, id);
  if (!shop) throw notFound('shop');
  const resources = await repo.resourcesOfShop(p.db, shop.id);
  const ids = resources.map((r) => r.id);
  const indicators = await repo.indicatorsOf(p.db, ids);
  const timeline = await repo.eventsOf(p.db, { shopId: shop.id, resourceIds: ids });
  const nodes = new Map<string, { id: string; type: string; label: string; status: string | null }>();
  const edges: { from: string; to: string; kind: string }[] = [];
  nodes.set(shop.id, { id: shop.id, type: 'shop', label: shop.code, status: shop.status });
  for (const r of resources) {
    nodes.set(r.id, {
      id: r.id,
      type: r.kind,
      label: r.locator.length > 60 ? `${r.kind} ${r.locator.slice(0, 12)}…` : r.locator,
      status: r.status,
    });
    edges.push({ from: shop.id, to: r.id, kind: r.is_mirror ? 'mirror' : 'resource' });
  }
  for (const i of indicators) {
    if (!PAYMENT_TYPES.has(i.type) && i.type !== 'telegram' && i.type !== 'email') continue;
    const shown = presentIndicator(i);
    const nodeId = `${i.type}:${i.type === 'card' ? i.value.slice(0, 16) : i.value}`;
    if (!nodes.has(nodeId)) nodes.set(nodeId, { id: nodeId, type: i.type, label: shown.value, status: null });
    edges.push({ from: i.resource_id, to: nodeId, kind: 'mentions' });
  }
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  const payments = new Map<string, { type: string; value: string }>();
  for (const i of indicators) if (PAYMENT_TYPES.has(i.type)) payments.set(`${i.type}:${i.value}`, presentIndicator(i));
  return {
    id: shop.id,
    code: shop.code,
    name: shop.name,
    status: shop.status,
    mergedInto: shop.merged_into,
    firstSeenAt: new Date(shop.first_seen_at).toISOString(),
    lastSeenAt: new Date(shop.last_seen_at).toISOString(),
    resources: resources.map((r) => presentResource(r, shop.code, ctx)),
    handles: uniq(indicators.filter((i) => i.type === 'telegram').map((i) => i.value)),
    domains: uniq(indicators.filter((i) => i.type === 'domain').map((i) => i.value)),
    paymentIdentifiers: [...payments.values()],
    timeline: timeline.map(presentEvent),
    graph: { nodes: [...nodes.values()], edges },
  };
}
