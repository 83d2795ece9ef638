import { requirePermission } from '../../../kernel/access/actor.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { CONTENT_TYPES, renderFeed, type FeedFormat, type FeedItem } from './formats.ts';
import { presentChange, presentVersion, toItem } from './feed.presenter.ts';
import * as repo from './feed.repository.ts';
import type { Delta, DeltaQuery, FeedQuery, FeedVersionDetailView, VersionsQuery } from './feed.schema.ts';
import { feedSigner, sha256Hex } from './signing.ts';

export const FEED_JOB = 'om.feed.regenerate';
/** Decisions within one slot of this many seconds make one version; the next slot picks up later ones. */
export const FEED_DEBOUNCE_SECONDS = 10;

/**
 * Asks for a new feed version (debounced job, within a minute). Called in the transaction that
 * approves or restores a resource, so the request is never lost nor sent for a rolled-back decision.
 * In a process that runs no job queue (a CLI command) it does nothing: the regeneration cron lists
 * the decision within five minutes, since each run recomputes the feed from the resources' state.
 */
export async function scheduleFeedRegeneration(p: Platform, tx: Tx): Promise<void> {
  if (!p.jobs.isStarted) return;
  await p.jobs.send(FEED_JOB, { reason: 'decision' }, { tx, singletonKey: 'om-feed', debounceSeconds: FEED_DEBOUNCE_SECONDS });
}

/** A body to send with its feed headers, or "not modified" for a matching If-None-Match. */
export type FeedResponse =
  { status: 200; body: Buffer; headers: Record<string, string> } | { status: 304; headers: Record<string, string> };

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

function feedHeaders(etag: string, version: number, sha256: string, signature: string, keyId: string, contentType: string) {
  return {
    etag,
    'cache-control': 'no-cache',
    'content-type': contentType,
    'x-feed-version': String(version),
    'x-feed-sha256': sha256,
    'x-feed-signature': signature,
    'x-feed-key-id': keyId,
  };
}

const bodyCache = new WeakMap<Platform, Map<string, Buffer>>();

async function renderedBody(p: Platform, version: number, format: FeedFormat): Promise<Buffer> {
  let cache = bodyCache.get(p);
  if (!cache) bodyCache.set(p, (cache = new Map()));
  const key = `${version}:${format}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const items: FeedItem[] = (await repo.entriesAt(p.db, version)).map(toItem);
  const body = Buffer.from(renderFeed(format, items, version), 'utf8');
  cache.set(key, body);
  if (cache.size > 12) cache.delete(cache.keys().next().value ?? key);
  return body;
}

async function resolveVersion(p: Platform, version: number | undefined) {
  const v = version === undefined ? await repo.latestVersion(p.db) : await repo.findVersion(p.db, version);
  if (!v) throw version === undefined ? new AppError('not_found', 'No feed version has been published yet') : notFound('feed version');
  return v;
}

/**
 * The full body of one format of the latest (or a given) version, with its stored digest and
 * signature; 304 without rendering when If-None-Match holds its ETag. A body whose digest differs
 * from the stored one is never served (the history would have been altered).
 */
export async function getFeed(p: Platform, ctx: RequestContext, q: FeedQuery, ifNoneMatch?: string): Promise<FeedResponse> {
  requirePermission(ctx.actor, 'om.feed_read');
  const v = await resolveVersion(p, q.version);
  const stored = await repo.findSignature(p.db, v.version, q.format);
  if (!stored) throw notFound('feed format');
  const signer = feedSigner(p);
  const etag = `"v${v.version}-${q.format}-${stored.sha256.slice(0, 32)}"`;
  const contentType = CONTENT_TYPES[q.format];
  if (matches(ifNoneMatch, etag)) {
    return { status: 304, headers: feedHeaders(etag, v.version, stored.sha256, stored.signature, v.key_id, contentType) };
  }
  const body = await renderedBody(p, v.version, q.format);
  if (sha256Hex(body) !== stored.sha256)
    throw new AppError('internal_error', `Feed version ${v.version} (${q.format}) does not match its digest`);
  // after a key rotation, old versions are re-signed with the current (published) key
  const [signature, keyId] = v.key_id === signer.keyId ? [stored.signature, v.key_id] : [signer.sign(body), signer.keyId];
  return { status: 200, body, headers: feedHeaders(etag, v.version, stored.sha256, signature, keyId, contentType) };
}

const byKindValue = (a: { kind: string; value: string }, b: { kind: string; value: string }) =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;

/** What changed between two versions (sets of values; `since` 0 is the empty feed). */
export async function computeDelta(p: Platform, since: number, to: number): Promise<Delta> {
  const before = since === 0 ? [] : await repo.entriesAt(p.db, since);
  const after = await repo.entriesAt(p.db, to);
  const beforeIds = new Set(before.map((e) => String(e.id)));
  const afterKeys = new Set(after.map((e) => `${e.kind}\u0000${e.value}`));
  return {
    since,
    version: to,
    added: after
      .filter((e) => !beforeIds.has(String(e.id)))
      .map((e) => ({ ...toItem(e) }))
      .sort(byKindValue),
    removed: before
      .filter((e) => !afterKeys.has(`${e.kind}\u0000${e.value}`))
      .map((e) => ({ value: e.value, kind: e.kind }))
      .sort(byKindValue),
  };
}

function deltaText(d: Delta, kind: 'domain' | 'url'): string {
  const lines = [
    ...d.removed.filter((r) => r.kind === kind).map((r) => `-${r.value}`),
    ...[...new Set(d.added.filter((a) => a.kind === kind).map((a) => a.value))].map((v) => `+${v}`),
  ];
  return lines.map((l) => `${l}\n`).join('');
}

/** Added and removed entries since version N (JSON, or +/- lines of domains or URLs), signed like the full feed. */
export async function getDelta(p: Platform, ctx: RequestContext, q: DeltaQuery, ifNoneMatch?: string): Promise<FeedResponse> {
  requirePermission(ctx.actor, 'om.feed_read');
  const to = await resolveVersion(p, q.version);
  if (q.since > to.version)
    throw new AppError('validation_failed', `since (${q.since}) is after version ${to.version}`, {
      errors: [{ path: 'since', message: `must be at most ${to.version}`, code: 'too_big' }],
    });
  const d = await computeDelta(p, q.since, to.version);
  const text =
    q.format === 'json'
      ? JSON.stringify({ since: d.since, version: d.version, added: d.added, removed: d.removed })
      : deltaText(d, q.format === 'domains' ? 'domain' : 'url');
  const body = Buffer.from(text, 'utf8');
  const sha256 = sha256Hex(body);
  const etag = `"d${q.since}-v${to.version}-${q.format}-${sha256.slice(0, 32)}"`;
  const signer = feedSigner(p);
  const contentType = q.format === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
  const headers = {
    ...feedHeaders(etag, to.version, sha256, signer.sign(body), signer.keyId, contentType),
    'x-feed-since': String(q.since),
  };
  return matches(ifNoneMatch, etag) ? { status: 304, headers } : { status: 200, body, headers };
}

/** The public key that verifies every feed body (no login: anyone may check a copy). */
export function getPublicKey(p: Platform): { algorithm: 'Ed25519'; keyId: string; publicKeyPem: string } {
  const s = feedSigner(p);
  return { algorithm: 'Ed25519', keyId: s.keyId, publicKeyPem: s.publicKeyPem };
}

/** The feed's history, newest first, with counts, digests and who decided what. */
export async function listVersions(p: Platform, ctx: RequestContext, q: VersionsQuery) {
  requirePermission(ctx.actor, 'om.feed_history');
  const { rows, total } = await repo.pageVersions(p.db, q.page, q.pageSize);
  const versions = rows.map((r) => r.version);
  const [signatures, decisions] = await Promise.all([repo.signaturesOf(p.db, versions), repo.decisionSummaries(p.db, versions)]);
  return { items: rows.map((r) => presentVersion(r, signatures, decisions)), total, page: q.page, pageSize: q.pageSize };
}

/** One version: the entries it added and removed, with their decisions. */
export async function getVersionDetail(p: Platform, ctx: RequestContext, version: number): Promise<FeedVersionDetailView> {
  requirePermission(ctx.actor, 'om.feed_history');
  const v = await repo.findVersion(p.db, version);
  if (!v) throw notFound('feed version');
  const [signatures, decisions, changes] = await Promise.all([
    repo.signaturesOf(p.db, [version]),
    repo.decisionSummaries(p.db, [version]),
    repo.versionChanges(p.db, version),
  ]);
  return {
    ...presentVersion(v, signatures, decisions),
    added: changes.added.map(presentChange),
    removed: changes.removed.map(presentChange),
  };
}
