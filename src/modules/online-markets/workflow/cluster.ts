import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/database.ts';
import * as repo from './workflow.repository.ts';
import { PLATFORM_DOMAINS, WORKFLOW } from './settings.ts';
import type { IndicatorRowType } from './tables.ts';
import { hamming } from './text.ts';

const CLUSTER_TYPES = new Set<IndicatorRowType>(WORKFLOW.clustering.clusterTypes as IndicatorRowType[]);

export type ClusterOutcome = { shopId: string; shopCode: string; isMirror: boolean; merged: string[]; isNewShop: boolean };

/**
 * Attaches a drug-labelled resource to its operator's shop: the shops of resources that share a
 * payment identifier, handle, domain, favicon or near-duplicate text (SimHash ≤ 3 bits) are found;
 * none → a new shop; several → merged into the oldest (events on both). A new member of a shop that
 * already has an approved or blocked resource is a mirror: flagged and sent straight to review.
 */
export async function clusterResource(tx: Tx, resourceId: string, actor: string): Promise<ClusterOutcome | null> {
  const r = await repo.lockResource(tx, resourceId);
  if (!r || r.label === null || r.label === 'benign') return null;
  const indicators = await repo.indicatorsOf(tx, [r.id]);
  const keys = indicators
    .filter((i) => CLUSTER_TYPES.has(i.type) && !(i.type === 'domain' && PLATFORM_DOMAINS.has(i.value)))
    .map((i) => ({ type: i.type, value: i.value, last4: i.last4 }));
  const found = new Set(await repo.shopsSharingIndicators(tx, r.id, keys));
  if (r.favicon_sha256) for (const s of await repo.shopsByFavicon(tx, r.id, r.favicon_sha256)) found.add(s);
  if (r.simhash !== null && r.simhash_b0 !== null) {
    const me = BigInt(r.simhash);
    const bands = [r.simhash_b0, r.simhash_b1 ?? -1, r.simhash_b2 ?? -1, r.simhash_b3 ?? -1];
    for (const c of await repo.simhashCandidates(tx, r.id, bands)) {
      if (c.simhash !== null && c.shop_id && hamming(me, BigInt(c.simhash)) <= WORKFLOW.clustering.simhashMaxDistance) found.add(c.shop_id);
    }
  }
  if (r.shop_id) found.add(r.shop_id);
  let shops = await repo.shopsByIds(tx, [...found]);
  // a merged shop's resources moved to the keeper already; follow the pointer for safety
  shops = shops.filter((s) => s.merged_into === null);
  let isNewShop = false;
  if (shops.length === 0) {
    shops = [await repo.insertShop(tx, r.title ?? r.locator.slice(0, 80))];
    isNewShop = true;
    await repo.insertEvent(tx, { shop_id: shops[0]!.id, kind: 'shop_created', actor, detail: { resourceId: r.id } });
  }
  const keeper = shops[0]!;
  const others = shops.slice(1).map((s) => s.id);
  if (others.length) {
    await repo.mergeShops(tx, keeper.id, others);
    for (const s of shops.slice(1)) {
      await repo.insertEvent(tx, { shop_id: s.id, kind: 'shop_merged_into', actor, detail: { into: keeper.code, intoId: keeper.id } });
      await repo.insertEvent(tx, { shop_id: keeper.id, kind: 'shop_merged', actor, detail: { from: s.code, fromId: s.id, via: r.id } });
    }
  }
  const joined = r.shop_id !== keeper.id;
  let isMirror = r.is_mirror;
  const changes: Parameters<typeof repo.updateResource>[2] = { shop_id: keeper.id };
  if (joined) {
    await repo.insertEvent(tx, {
      shop_id: keeper.id,
      resource_id: r.id,
      kind: 'resource_attached',
      actor,
      detail: { locator: r.locator, kind: r.kind },
    });
    if (!isNewShop && (await repo.shopHasBlocked(tx, keeper.id, r.id)) && ['detected', 'dismissed'].includes(r.status)) {
      isMirror = true;
      Object.assign(changes, { is_mirror: true, status: 'in_review', status_changed_at: sql`now()` as never });
      await repo.insertEvent(tx, {
        shop_id: keeper.id,
        resource_id: r.id,
        kind: 'mirror_detected',
        from_status: r.status,
        to_status: 'in_review',
        actor,
        detail: { shop: keeper.code },
      });
    }
  }
  if (joined || others.length) await repo.updateResource(tx, r.id, changes);
  await repo.touchShop(tx, keeper.id);
  return { shopId: keeper.id, shopCode: keeper.code, isMirror, merged: others, isNewShop };
}
