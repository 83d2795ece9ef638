import { SYSTEM_ACTOR } from '../../../kernel/access/actor.ts';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { FEED_FORMATS, feedDomain, feedTelegram, feedUrl, renderFeed, type FeedItem } from './formats.ts';
import * as repo from './feed.repository.ts';
import { toItem } from './feed.presenter.ts';
import { feedSigner, sha256Hex } from './signing.ts';
import type { FeedEntryKind } from './tables.ts';

/** What one regeneration did: the new version, or null when nothing changed. */
export type RegenerationResult = {
  version: number | null;
  added: number;
  removed: number;
  published: number;
  skipped: { resourceId: string; locator: string }[];
};

const FEED_ACTOR = 'system:feed';

/** The value a resource is listed under, or null when its locator cannot be listed safely. */
export function listedValue(kind: FeedEntryKind, locator: string): string | null {
  if (kind === 'domain') return feedDomain(locator);
  if (kind === 'url') return feedUrl(locator);
  return feedTelegram(locator);
}

/**
 * Builds the next feed version from the resources that must be blocked: diffs them with the open
 * entries, and when anything changed writes the version, its entries, the signature of every
 * format's full body, and moves first-time entries' resources from approved to published. One
 * writer at a time (advisory lock); the version number is the primary key, so never reused.
 */
export async function regenerateFeed(p: Platform): Promise<RegenerationResult> {
  const signer = feedSigner(p);
  return p.db.transaction().execute(async (tx) => {
    await repo.lockFeed(tx);
    const latest = await repo.latestVersion(tx);
    const version = (latest?.version ?? 0) + 1;
    const skipped: RegenerationResult['skipped'] = [];
    const wanted = new Map<string, repo.ListedResource & { value: string }>();
    for (const r of await repo.listedResources(tx)) {
      const value = listedValue(r.kind, r.locator);
      if (value === null) {
        skipped.push({ resourceId: r.resourceId, locator: r.locator });
        continue;
      }
      const key = `${r.kind}\u0000${value}`;
      if (!wanted.has(key)) wanted.set(key, { ...r, value }); // rows come sorted by resource id
    }
    const open = await repo.entriesAt(tx, null);
    const toClose: repo.EntryView[] = [];
    const kept = new Set<string>();
    for (const e of open) {
      const key = `${e.kind}\u0000${e.value}`;
      const w = wanted.get(key);
      if (w && w.resourceId === e.resource_id && w.decisionId === e.decision_id) kept.add(key);
      else toClose.push(e);
    }
    const toAdd = [...wanted.entries()].filter(([key]) => !kept.has(key)).map(([, w]) => w);
    if (toAdd.length === 0 && toClose.length === 0) return { version: null, added: 0, removed: 0, published: 0, skipped };

    const addedKeys = new Set(toAdd.map((w) => `${w.kind}\u0000${w.value}`));
    const removedCount = toClose.filter((e) => !addedKeys.has(`${e.kind}\u0000${e.value}`)).length;
    await repo.insertVersion(tx, {
      version,
      previous_version: latest?.version ?? null,
      created_at: new Date(),
      entry_count: wanted.size,
      added_count: toAdd.length,
      removed_count: removedCount,
      key_id: signer.keyId,
    });
    await repo.closeEntries(
      tx,
      toClose.map((e) => String(e.id)),
      version,
    );
    await repo.insertEntries(
      tx,
      toAdd.map((w) => ({
        resource_id: w.resourceId,
        decision_id: w.decisionId,
        kind: w.kind,
        value: w.value,
        legal_basis: w.legalBasis,
        decision_number: w.decisionNumber,
        decision_date: w.decisionDate,
        decision_body: w.decisionBody,
        added_in_version: version,
      })),
    );
    const items: FeedItem[] = (await repo.entriesAt(tx, version)).map(toItem);
    await repo.insertSignatures(
      tx,
      FEED_FORMATS.map((format) => {
        const body = Buffer.from(renderFeed(format, items, version), 'utf8');
        return { version, format, sha256: sha256Hex(body), signature: signer.sign(body), bytes: body.length };
      }),
    );
    const published = await repo.publishResources(
      tx,
      toAdd.map((w) => w.resourceId),
      version,
      FEED_ACTOR,
    );
    const stillListed = new Set([...wanted.values()].map((w) => w.resourceId));
    await repo.recordRemovals(
      tx,
      [...new Set(toClose.map((e) => e.resource_id).filter((id) => !stillListed.has(id)))],
      version,
      FEED_ACTOR,
    );
    await recordAudit(
      tx,
      { actor: SYSTEM_ACTOR, requestId: null },
      {
        action: 'om_feed.publish',
        resourceType: 'om_feed_version',
        resourceId: String(version),
        details: { entries: wanted.size, added: toAdd.length, removed: removedCount, published: published.length, keyId: signer.keyId },
      },
    );
    return { version, added: toAdd.length, removed: removedCount, published: published.length, skipped };
  });
}
