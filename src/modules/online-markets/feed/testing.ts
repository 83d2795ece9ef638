import type { Platform } from '../../../kernel/platform.ts';
import type { ResourceKind, ResourceStatus } from '../workflow/tables.ts';
import '../workflow/tables.ts';

/** Test helper: a resource row in the given status (the workflow API is not needed to test the feed). */
export async function insertResource(p: Platform, r: { kind: ResourceKind; locator: string; status?: ResourceStatus }): Promise<string> {
  const row = await p.db
    .insertInto('om_resources')
    .values({
      kind: r.kind,
      locator: r.locator,
      status: r.status ?? 'approved',
      telegram_id: null,
      title: null,
      text_sample: null,
      label: 'drug_ad',
      score: 0.99,
      reasons: JSON.stringify(['synthetic test resource']),
      shop_id: null,
      simhash: null,
      simhash_b0: null,
      simhash_b1: null,
      simhash_b2: null,
      simhash_b3: null,
      favicon_sha256: null,
      region_code: null,
      approved_at: null,
      published_at: null,
      verified_at: null,
      next_check_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Test helper: a blocking (approve) or restore decision of a resource; optionally sets its status. */
export async function insertDecision(
  p: Platform,
  resourceId: string,
  d: Partial<{
    action: 'approve' | 'restore';
    number: string;
    date: string;
    body: string;
    reason: string;
    by: string;
    status: ResourceStatus;
  }> = {},
): Promise<string> {
  const action = d.action ?? 'approve';
  const row = await p.db
    .insertInto('om_decisions')
    .values({
      resource_id: resourceId,
      action,
      legal_basis: 'Law "On Communications" art. 41-1',
      decision_number: d.number ?? 'ПР-2025/001',
      decision_date: d.date ?? '2025-09-01',
      decision_body: d.body ?? 'Ministry of Culture and Information',
      reason: d.reason ?? 'synthetic test decision',
      decided_by: d.by ?? 'approver.test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const status = d.status ?? (action === 'restore' ? 'restored' : undefined);
  if (status) await p.db.updateTable('om_resources').set({ status }).where('id', '=', resourceId).execute();
  return row.id;
}

/** Test helper: an approved resource with its approve decision. */
export async function approvedResource(
  p: Platform,
  kind: ResourceKind,
  locator: string,
  decision: Parameters<typeof insertDecision>[2] = {},
): Promise<string> {
  const id = await insertResource(p, { kind, locator });
  await insertDecision(p, id, decision);
  return id;
}
