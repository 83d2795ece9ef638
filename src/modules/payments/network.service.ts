import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { CASH, maskAccount } from './engine/types.ts';
import { displayIdentifier, engineIdOfHash } from './payments.identifiers.ts';
import { liveScorer, type LiveScorer } from './payments.live.ts';
import { requireNational } from './payments.service.ts';
import { flowsTouching, latestAlertsOf, watchEntriesOf, type FlowRow } from './network.repository.ts';
import { MAX_NETWORK_NODES, type NetworkEdge, type NetworkNode, type NetworkQuery, type NetworkView } from './network.schema.ts';

/** Flow groups read per hop at most: a hub with more is cut (and the view says truncated). */
const ROWS_PER_HOP = 20_000;

export type NetworkOptions = { hops: number; maxNodes?: number; from?: Date; to?: Date };

type Known = { last4: string | null; hop: number };

const iso = (d: Date | string) => new Date(d).toISOString();

/** The keyed hash the watchlist and alerts use for a stored account value. */
function hashOfStored(live: LiveScorer, value: string, last4: string | null): string {
  return last4 === null ? live.codec.hashOf(value) : value;
}

/**
 * The transfer network around stored accounts: breadth-first over stored transactions (both
 * directions) up to `hops`, largest flows first, at most `maxNodes` nodes; edges aggregated per
 * payer→payee pair with a per-day series. Nodes carry live score, alert, watchlist flag and the ads
 * (shop and evidence references) their watchlist entries came from. Card numbers never appear.
 * Call `liveScorer(p).init()` first (outside any transaction).
 */
export async function buildNetwork(p: Platform, db: Executor, roots: readonly string[], o: NetworkOptions): Promise<NetworkView> {
  const maxNodes = Math.min(o.maxNodes ?? MAX_NETWORK_NODES, MAX_NETWORK_NODES);
  // init() reads through p.db: callers run it before opening a transaction (PGlite has one connection)
  const live = liveScorer(p);
  const known = new Map<string, Known>();
  for (const r of roots) if (known.size < maxNodes) known.set(r, { last4: null, hop: 0 });
  let truncated = roots.length > maxNodes;
  const flows = new Map<string, FlowRow>();
  let frontier = [...known.keys()].filter((k) => k !== CASH);
  for (let hop = 1; hop <= o.hops + 1 && frontier.length > 0; hop++) {
    const rows = await flowsTouching(db, frontier, { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) }, ROWS_PER_HOP);
    if (rows.length === ROWS_PER_HOP) truncated = true;
    const next: string[] = [];
    for (const r of rows) {
      for (const [key, last4] of [
        [r.payer, r.payer_last4],
        [r.payee, r.payee_last4],
      ] as const) {
        const k = known.get(key);
        if (k) {
          if (k.last4 === null && last4 !== null) k.last4 = last4;
        } else if (hop <= o.hops) {
          if (known.size >= maxNodes) truncated = true;
          else {
            known.set(key, { last4, hop });
            if (key !== CASH) next.push(key);
          }
        }
      }
      // the last round only closes edges between nodes already drawn
      if (known.has(r.payer) && known.has(r.payee)) flows.set(`${r.payer}\u0000${r.payee}\u0000${r.day}`, r);
    }
    frontier = next;
  }
  const nodes = await describeNodes(live, db, known);
  return {
    roots: roots.map((r) => nodes.find((n) => n.id === r)?.label ?? maskAccount(r)),
    hops: o.hops,
    from: o.from ? o.from.toISOString() : null,
    to: o.to ? o.to.toISOString() : null,
    truncated,
    maxNodes,
    nodes,
    edges: aggregateEdges([...flows.values()]),
  };
}

function aggregateEdges(rows: readonly FlowRow[]): NetworkEdge[] {
  const edges = new Map<string, NetworkEdge>();
  for (const r of rows) {
    const key = `${r.payer}\u0000${r.payee}`;
    let e = edges.get(key);
    if (!e) {
      e = { from: r.payer, to: r.payee, amount: 0, count: 0, firstAt: iso(r.first_ts), lastAt: iso(r.last_ts), series: [] };
      edges.set(key, e);
    }
    const amount = Number(r.amount);
    e.amount = Math.round((e.amount + amount) * 100) / 100;
    e.count += Number(r.n);
    if (iso(r.first_ts) < e.firstAt) e.firstAt = iso(r.first_ts);
    if (iso(r.last_ts) > e.lastAt) e.lastAt = iso(r.last_ts);
    e.series.push({ day: r.day, amount, count: Number(r.n) });
  }
  const out = [...edges.values()];
  for (const e of out) e.series.sort((a, b) => a.day.localeCompare(b.day));
  return out.sort((a, b) => b.amount - a.amount);
}

async function describeNodes(live: LiveScorer, db: Executor, known: Map<string, Known>): Promise<NetworkNode[]> {
  const hashes = new Map<string, string>();
  for (const [key, k] of known) if (key !== CASH) hashes.set(key, hashOfStored(live, key, k.last4));
  const all = [...new Set(hashes.values())];
  const [watch, alerts] = await Promise.all([watchEntriesOf(db, all), latestAlertsOf(db, all)]);
  const nodes: NetworkNode[] = [];
  for (const [key, k] of known) {
    if (key === CASH) {
      nodes.push({
        id: CASH,
        label: CASH,
        kind: 'cash',
        hop: k.hop,
        score: null,
        flag: false,
        role: null,
        alertId: null,
        alertStatus: null,
        isWatchlisted: false,
        ads: [],
      });
      continue;
    }
    const hash = hashes.get(key) as string;
    const lastFour = k.last4 ?? key.replace(/[^0-9A-Za-z]/g, '').slice(-4);
    const r = live.resultOf(engineIdOfHash(hash, lastFour));
    const alert = alerts.find((a) => a.account_hash === hash);
    const ads = watch.filter((w) => w.identifier_hash === hash);
    const score = alert ? Math.max(Number(alert.score), r?.score ?? 0) : (r?.score ?? null);
    nodes.push({
      id: key,
      label: k.last4 !== null ? displayIdentifier(key, k.last4) : maskAccount(key),
      kind: k.last4 !== null ? 'card' : 'other',
      hop: k.hop,
      score,
      flag: Boolean(r?.flag) || Boolean(alert),
      role: alert?.role ?? r?.role ?? null,
      alertId: alert?.id ?? null,
      alertStatus: alert?.status ?? null,
      isWatchlisted: ads.length > 0,
      ads: ads.map((w) => ({ source: w.source, type: w.type, shopRef: w.shop_ref, evidenceRef: w.evidence_ref })),
    });
  }
  return nodes.sort((a, b) => a.hop - b.hop || (b.score ?? 0) - (a.score ?? 0));
}

/** The stored key of an identifier given by a caller: card numbers become their keyed hash. */
export function storedKeyOf(p: Platform, account: string): string {
  return account === CASH ? CASH : liveScorer(p).codec.stored(account).value;
}

const startOf = (v: string | undefined) => (v === undefined ? undefined : new Date(v.length === 10 ? `${v}T00:00:00+05:00` : v));

/** GET network around one account (clear identifier or its stored key); national, audited read. */
export async function accountNetwork(p: Platform, ctx: RequestContext, account: string, q: NetworkQuery): Promise<NetworkView> {
  requireNational(ctx, 'payments.read');
  const from = startOf(q.from);
  let to = startOf(q.to);
  // a date-only `to` includes that whole day
  if (to && q.to?.length === 10) to = new Date(to.getTime() + 86_400_000);
  await liveScorer(p).init();
  const root = storedKeyOf(p, account);
  const view = await buildNetwork(p, p.db, [root], {
    hops: q.hops,
    maxNodes: q.maxNodes,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  await p.db.transaction().execute((tx) =>
    recordAudit(tx, ctx, {
      action: 'payment_network.read',
      resourceType: 'payment_account',
      resourceId: maskAccount(account),
      details: { hops: q.hops, nodes: view.nodes.length, edges: view.edges.length, truncated: view.truncated },
    }),
  );
  return view;
}
