import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../../kernel/access/actor.ts';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { Capture, TelegramPreview } from '../crawl/contract.ts';
import { captureUrl } from '../crawl/fetch.ts';
import { parseTelegramPreview, telegramPreviewUrl } from '../crawl/telegram.ts';
import { storeCapture } from '../evidence/store.ts';
import { domainOf } from '../indicators.ts';
import { clusterResource } from './cluster.ts';
import { attempt, ingestItem, intakeScanner, storedIndicators } from './intake.service.ts';
import { crawlerAllowPrivate, PLATFORM_DOMAINS, WORKFLOW } from './settings.ts';
import type { ResourceRow } from './tables.ts';
import { maskCards, simhash, toSignedString } from './text.ts';
import * as repo from './workflow.repository.ts';

/** The crawler and evidence functions the jobs call; tests pass fakes. */
export type CaptureDeps = {
  captureUrl: typeof captureUrl;
  telegramPreviewUrl: typeof telegramPreviewUrl;
  parseTelegramPreview: typeof parseTelegramPreview;
  storeCapture: typeof storeCapture;
};
export const DEFAULT_DEPS: CaptureDeps = { captureUrl, telegramPreviewUrl, parseTelegramPreview, storeCapture };

export const crawlerCtx = (requestId: string): RequestContext => ({
  actor: { ...SYSTEM_ACTOR, username: 'om-crawler' },
  requestId,
  locale: 'ru',
});

function targetUrl(r: ResourceRow, deps: CaptureDeps): string {
  if (r.kind === 'telegram') return deps.telegramPreviewUrl(r.locator);
  if (r.kind === 'domain') return `https://${r.locator}/`;
  return r.locator;
}

async function fetchIt(p: Platform, r: ResourceRow, deps: CaptureDeps): Promise<{ capture: Capture } | { error: string }> {
  try {
    const capture = await deps.captureUrl(targetUrl(r, deps), {
      allowPrivate: crawlerAllowPrivate(p.config),
      timeoutMs: WORKFLOW.crawl.timeoutMs,
      maxBytes: WORKFLOW.crawl.maxBytes,
      screenshot: true,
    });
    return { capture };
  } catch (e) {
    return { error: `capture failed: ${(e as Error).message.slice(0, 300)}` };
  }
}

export type CaptureOutcome = { ok: boolean; error: string | null; evidenceId: string | null; followed: number };

/**
 * Captures a URL or Telegram resource: fetch (SSRF-safe, bounded), store the evidence, re-scan the
 * captured text, update the resource, cluster it, and — for a page of a known shop, at depth 0 —
 * submit its outbound links to other domains (at most 20) as crawler submissions to find mirrors.
 * Failures are recorded on the resource (capture_error, attempts) and never thrown.
 */
export async function captureResource(p: Platform, resourceId: string, deps: CaptureDeps = DEFAULT_DEPS): Promise<CaptureOutcome> {
  const r = await repo.findResource(p.db, resourceId);
  if (!r || r.kind === 'text') return { ok: false, error: 'nothing to capture', evidenceId: null, followed: 0 };
  const got = await fetchIt(p, r, deps);
  const failure =
    'error' in got
      ? got.error
      : !got.capture.ok
        ? `${got.capture.error?.code ?? 'http_error'}: ${got.capture.error?.message ?? got.capture.status}`
        : null;
  const ctx = crawlerCtx(`capture:${resourceId}`);
  return p.db.transaction().execute(async (tx) => {
    let evidenceId: string | null = null;
    if ('capture' in got) {
      const stored = await attempt(tx, 'om_evidence', () => deps.storeCapture(tx, r.id, got.capture, 'om-crawler'));
      if (stored.ok) evidenceId = stored.value;
    }
    if (failure || !('capture' in got)) {
      await repo.updateResource(tx, r.id, { capture_error: failure, capture_attempts: sql`capture_attempts + 1` as never });
      await repo.insertEvent(tx, {
        resource_id: r.id,
        kind: 'capture_failed',
        actor: 'om-crawler',
        detail: { error: failure, evidenceId },
      });
      return { ok: false, error: failure, evidenceId, followed: 0 };
    }
    const capture = got.capture;
    let preview: TelegramPreview | null = null;
    let text = capture.text;
    let title = capture.title;
    let links = capture.links;
    if (r.kind === 'telegram') {
      try {
        preview = deps.parseTelegramPreview(r.locator, capture.body.toString('utf8'));
        text = [preview.title, preview.description, ...preview.posts.map((x) => x.text)].filter(Boolean).join('\n');
        title = preview.title ?? title;
        links = preview.posts.flatMap((x) => x.links);
      } catch (e) {
        await repo.insertEvent(tx, {
          resource_id: r.id,
          kind: 'telegram_parse_failed',
          actor: 'om-crawler',
          detail: { error: (e as Error).message.slice(0, 300) },
        });
      }
    }
    const scan = intakeScanner().scan({ id: r.id, text });
    const sh = simhash(text, WORKFLOW.clustering.simhashMinTokens);
    await repo.updateResource(tx, r.id, {
      label: scan.label,
      score: scan.score,
      reasons: JSON.stringify(scan.reasons),
      title: title?.slice(0, 500) ?? r.title,
      text_sample: maskCards(text.slice(0, WORKFLOW.intake.textSampleChars)),
      telegram_id: preview?.telegramId ?? r.telegram_id,
      favicon_sha256: capture.faviconSha256,
      simhash: sh ? toSignedString(sh.value) : null,
      simhash_b0: sh?.bands[0] ?? null,
      simhash_b1: sh?.bands[1] ?? null,
      simhash_b2: sh?.bands[2] ?? null,
      simhash_b3: sh?.bands[3] ?? null,
      captured_at: new Date(),
      capture_error: null,
      capture_attempts: sql`capture_attempts + 1` as never,
    });
    await repo.addIndicators(tx, r.id, storedIndicators(p, scan.indicators));
    await repo.insertEvent(tx, {
      resource_id: r.id,
      kind: 'captured',
      actor: 'om-crawler',
      detail: { evidenceId, label: scan.label, score: scan.score, status: capture.status, telegramId: preview?.telegramId ?? null },
    });
    await recordAudit(tx, ctx, {
      action: 'om_resource.capture',
      resourceType: 'om_resource',
      resourceId: r.id,
      details: { evidenceId, label: scan.label },
    });
    const isDrug = scan.label !== 'benign';
    const cluster = isDrug ? await clusterResource(tx, r.id, 'om-crawler') : null;
    let followed = 0;
    if (cluster && r.crawl_depth < WORKFLOW.crawl.maxDepth) {
      const own = r.kind === 'telegram' ? null : domainOf(new URL(capture.finalUrl || targetUrl(r, deps)).hostname);
      const seen = new Set<string>();
      for (const link of links) {
        if (seen.size >= WORKFLOW.crawl.maxLinksPerPage) break;
        let host: string;
        try {
          host = new URL(link).hostname;
        } catch {
          continue;
        }
        const domain = domainOf(host);
        const isTelegram = /^(?:www\.)?(?:t|telegram)\.me$/.test(host);
        if (!isTelegram && (!domain || domain === own || PLATFORM_DOMAINS.has(domain) || seen.has(domain))) continue;
        seen.add(isTelegram ? link : domain!);
        const o = await ingestItem(p, tx, ctx, {
          source: 'crawler',
          inputKind: isTelegram ? 'telegram' : 'url',
          input: isTelegram ? link : `https://${domain}/`,
          crawlDepth: r.crawl_depth + 1,
        });
        if (o.outcome !== 'rejected') followed++;
      }
    }
    return { ok: true, error: null, evidenceId, followed };
  });
}

export type RecheckOutcome = { id: string; reachable: boolean | null; status: string; error: string | null };

/**
 * Re-checks a published, blocked or reachable resource: an om_checks row and the verdict —
 * published → blocked | reachable; reachable → blocked; blocked but reachable again → straight back
 * to review (event 'returned'). A failure of our own (crawler error) changes nothing but the schedule.
 */
export async function recheckResource(p: Platform, resourceId: string, deps: CaptureDeps = DEFAULT_DEPS): Promise<RecheckOutcome> {
  const r = await repo.findResource(p.db, resourceId);
  if (!r || !['published', 'blocked', 'reachable'].includes(r.status))
    return { id: resourceId, reachable: null, status: r?.status ?? 'missing', error: 'not due' };
  const got = await fetchIt(p, r, deps);
  const ctx = crawlerCtx(`recheck:${resourceId}`);
  const interval = `${WORKFLOW.recheckIntervalHours} hours`;
  return p.db.transaction().execute(async (tx) => {
    const cur = await repo.lockResource(tx, resourceId);
    if (!cur || cur.status !== r.status)
      return { id: resourceId, reachable: null, status: cur?.status ?? 'missing', error: 'changed meanwhile' };
    if ('error' in got) {
      await repo.updateResource(tx, r.id, { next_check_at: sql`now() + interval '1 hour'` as never });
      await repo.insertEvent(tx, { resource_id: r.id, kind: 'check_failed', actor: 'om-crawler', detail: { error: got.error } });
      return { id: r.id, reachable: null, status: r.status, error: got.error };
    }
    const c = got.capture;
    const reachable = c.ok && c.status !== null && c.status < 400;
    let evidenceId: string | null = null;
    if (reachable) {
      const stored = await attempt(tx, 'om_evidence', () => deps.storeCapture(tx, r.id, c, 'om-crawler'));
      if (stored.ok) evidenceId = stored.value;
    }
    await tx
      .insertInto('om_checks')
      .values({
        resource_id: r.id,
        reachable,
        http_status: c.status,
        error: c.error ? `${c.error.code}: ${c.error.message}`.slice(0, 500) : null,
        evidence_id: evidenceId,
      })
      .execute();
    let to = r.status;
    let kind = 'checked';
    if (r.status === 'published') [to, kind] = reachable ? ['reachable', 'verified_reachable'] : ['blocked', 'verified_blocked'];
    else if (r.status === 'reachable' && !reachable) [to, kind] = ['blocked', 'verified_blocked'];
    else if (r.status === 'blocked' && reachable) [to, kind] = ['in_review', 'returned'];
    const history = kind === 'returned' ? (await repo.eventsOf(tx, { resourceId: r.id })).length : undefined;
    await repo.updateResource(tx, r.id, {
      status: to,
      ...(to !== r.status ? { status_changed_at: sql`now()` as never } : {}),
      ...(to === 'blocked' && r.status !== 'blocked' ? { verified_at: new Date() } : {}),
      next_check_at: to === 'in_review' ? null : (sql`now() + ${sql.raw(`interval '${interval}'`)}` as never),
    });
    await repo.insertEvent(tx, {
      resource_id: r.id,
      shop_id: r.shop_id,
      kind,
      from_status: r.status,
      to_status: to,
      actor: 'om-crawler',
      detail: { reachable, httpStatus: c.status, evidenceId, ...(history !== undefined ? { priorEvents: history } : {}) },
    });
    if (to !== r.status) {
      await recordAudit(tx, ctx, {
        action: 'om_resource.recheck',
        resourceType: 'om_resource',
        resourceId: r.id,
        details: { from: r.status, to, reachable },
      });
      if (to === 'blocked' && r.shop_id) await repo.touchShop(tx, r.shop_id, 'blocked');
    }
    return { id: r.id, reachable, status: to, error: null };
  });
}

/** The scheduled pass: re-checks due resources and retries captures that never happened. */
export async function runRecheck(p: Platform, deps: CaptureDeps = DEFAULT_DEPS): Promise<{ checked: number; captured: number }> {
  const due = await repo.dueForRecheck(p.db, WORKFLOW.recheckBatch);
  for (const d of due) await recheckResource(p, d.id, deps);
  const missing = await repo.uncaptured(p.db, WORKFLOW.captureMaxAttempts, WORKFLOW.recheckBatch);
  for (const m of missing) await captureResource(p, m.id, deps);
  return { checked: due.length, captured: missing.length };
}
