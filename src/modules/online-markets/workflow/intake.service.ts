import { sql } from 'kysely';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { publishToWatchlist, type WatchInput } from '../../payments/index.ts';
import type { Indicator } from '../indicators.ts';
import { createScanner, type ScanResult, type Scanner } from '../scan.ts';
import { clusterResource } from './cluster.ts';
import { PLATFORM_DOMAINS, WORKFLOW } from './settings.ts';
import type { ResourceLabel, SubmissionInputKind, SubmissionSource } from './tables.ts';
import { locatorOf, maskCards, normaliseText, sha256Hex, simhash, toSignedString, type Locator } from './text.ts';
import * as repo from './workflow.repository.ts';

export const CAPTURE_JOB = 'om.capture';

export type IntakeItem = {
  source: SubmissionSource;
  inputKind: SubmissionInputKind;
  /** What was submitted: a URL, a handle or a text (stored with card numbers masked). */
  input: string;
  /** Extra text to analyse with the input (citizen's note, OCR of a photo, captured page). */
  text?: string | null;
  ocrText?: string | null;
  externalId?: string | null;
  regionCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  crawlDepth?: number;
  /** A locator found in a drug ad: it inherits the ad's verdict until its own capture. */
  inherit?: { label: ResourceLabel; score: number; from: string } | null;
};

export type ItemOutcome = {
  outcome: 'new' | 'duplicate' | 'rejected';
  submissionId: string | null;
  resourceId: string | null;
  kind: string | null;
  label: ResourceLabel | null;
  score: number | null;
  shopCode: string | null;
  isMirror: boolean;
  error: string | null;
};

let scanner: Scanner | null = null;
/** The process's scanner (synchronous, so one is enough). */
export function intakeScanner(): Scanner {
  scanner ??= createScanner();
  return scanner;
}

const rejected = (error: string, submissionId: string | null = null): ItemOutcome => ({
  outcome: 'rejected',
  submissionId,
  resourceId: null,
  kind: null,
  label: null,
  score: null,
  shopCode: null,
  isMirror: false,
  error,
});

/** Who submits, for idempotency: the token id of a machine client, else the username. */
export const submitterOf = (ctx: RequestContext): string => (ctx.actor.tokenId ? `token:${ctx.actor.tokenId}` : ctx.actor.username);

/** Stored form of scan indicators: card numbers become a keyed hash plus the last four digits. */
export function storedIndicators(p: Platform, indicators: readonly Indicator[]): repo.IndicatorInsert[] {
  return indicators.map((i) =>
    i.type === 'card'
      ? { type: 'card', value: p.secrets.keyedHash(i.value, 'om-card'), last4: i.value.slice(-4) }
      : { type: i.type, value: i.value, last4: null },
  );
}

function locatorIndicators(loc: Locator): repo.IndicatorInsert[] {
  if (loc.kind === 'telegram') return [{ type: 'telegram', value: loc.locator, last4: null }];
  if (loc.kind === 'domain') return [{ type: 'domain', value: loc.locator, last4: null }];
  const domain = locatorOf(new URL(loc.url).host)?.locator;
  return [{ type: 'url', value: loc.locator, last4: null }, ...(domain ? [{ type: 'domain' as const, value: domain, last4: null }] : [])];
}

const isDrug = (label: ResourceLabel | null): label is 'drug_ad' | 'drug_recruitment' =>
  label === 'drug_ad' || label === 'drug_recruitment';

/**
 * One intake item inside the caller's transaction: validate, dedupe onto a resource by (kind,
 * locator), scan, store indicators (cards hashed), record the submission and events, cluster
 * drug resources into shops, publish payment details to the payments watchlist, enqueue capture of
 * new URLs and handles, and submit the locators found in a drug ad as resources of their own.
 */
export async function ingestItem(p: Platform, tx: Tx, ctx: RequestContext, item: IntakeItem): Promise<ItemOutcome> {
  const input = item.input.trim();
  const submittedBy = submitterOf(ctx);
  if (!input && !item.text?.trim()) return rejected('empty input');
  if (input.length > WORKFLOW.intake.maxItemChars) return rejected(`input longer than ${WORKFLOW.intake.maxItemChars} characters`);
  if (item.externalId) {
    const seen = await repo.findSubmissionByExternalId(tx, submittedBy, item.externalId);
    if (seen) {
      const r = seen.resource_id ? await repo.findResource(tx, seen.resource_id) : undefined;
      const shop = r?.shop_id ? await repo.findShop(tx, r.shop_id) : undefined;
      return {
        outcome: 'duplicate',
        submissionId: seen.id,
        resourceId: seen.resource_id,
        kind: r?.kind ?? null,
        label: r?.label ?? null,
        score: r?.score ?? null,
        shopCode: shop?.code ?? null,
        isMirror: r?.is_mirror ?? false,
        error: null,
      };
    }
  }
  const loc = item.inputKind === 'photo' || item.inputKind === 'html' ? null : locatorOf(input);
  if ((item.inputKind === 'url' || item.inputKind === 'telegram') && !loc) return rejected('not a URL or Telegram handle');
  const extra = [item.text, item.ocrText].filter((s): s is string => Boolean(s?.trim())).join('\n');
  const scanText = loc ? extra : [input, extra].filter(Boolean).join('\n');
  const normalised = normaliseText(scanText);
  if (!loc && !normalised) return rejected('no text to analyse');
  const scan: ScanResult | null = scanText.trim() ? intakeScanner().scan({ id: 0, text: scanText }) : null;
  const label: ResourceLabel | null = scan?.label ?? item.inherit?.label ?? null;
  const score = scan?.score ?? item.inherit?.score ?? null;
  const reasons = scan?.reasons ?? (item.inherit ? [`mentioned in a ${item.inherit.label} (${item.inherit.from})`] : []);
  const sh = scanText ? simhash(scanText, WORKFLOW.clustering.simhashMinTokens) : null;
  const kind = loc?.kind ?? 'text';
  const locator = loc?.locator ?? sha256Hex(normalised);
  const { id: resourceId, isNew } = await repo.upsertResource(tx, {
    kind,
    locator,
    label,
    score,
    reasons: JSON.stringify(reasons),
    text_sample: scanText ? maskCards(scanText.slice(0, WORKFLOW.intake.textSampleChars)) : null,
    simhash: sh ? toSignedString(sh.value) : null,
    simhash_b0: sh?.bands[0] ?? null,
    simhash_b1: sh?.bands[1] ?? null,
    simhash_b2: sh?.bands[2] ?? null,
    simhash_b3: sh?.bands[3] ?? null,
    region_code: item.regionCode ?? null,
    crawl_depth: item.crawlDepth ?? 0,
  });
  const before = isNew ? null : await repo.findResource(tx, resourceId);
  if (before && label !== null && (before.score === null || (score ?? 0) > before.score) && before.status === 'detected') {
    await repo.updateResource(tx, resourceId, { label, score, reasons: JSON.stringify(reasons) });
  }
  const indicators = [...(loc ? locatorIndicators(loc) : []), ...storedIndicators(p, scan?.indicators ?? [])];
  const added = await repo.addIndicators(tx, resourceId, indicators);
  const sub = await repo.insertSubmission(tx, {
    source: item.source,
    external_id: item.externalId ?? null,
    submitted_by: submittedBy,
    organisation_code: ctx.actor.organisationCode,
    input_kind: item.inputKind,
    input: maskCards(input || extra.slice(0, 200)),
    ocr_text: item.ocrText ? maskCards(item.ocrText) : null,
    latitude: item.latitude ?? null,
    longitude: item.longitude ?? null,
    region_code: item.regionCode ?? null,
    resource_id: resourceId,
    outcome: isNew ? 'new' : 'duplicate',
    error: null,
  });
  if (isNew) {
    await repo.insertEvent(tx, {
      resource_id: resourceId,
      kind: 'detected',
      to_status: 'detected',
      actor: submittedBy,
      detail: { source: item.source, label, score },
    });
  } else if (added.length) {
    await repo.insertEvent(tx, { resource_id: resourceId, kind: 'indicators_added', actor: submittedBy, detail: { count: added.length } });
  }
  const effectiveLabel = before && before.status !== 'detected' ? before.label : (label ?? before?.label ?? null);
  const cluster =
    isDrug(effectiveLabel) && (isNew || added.length > 0 || !before?.shop_id) ? await clusterResource(tx, resourceId, submittedBy) : null;
  if (isDrug(label) && scan) await publishPayments(p, tx, ctx, scan, resourceId, cluster?.shopCode ?? null, item.source);
  if (isNew && loc && p.jobs.isStarted) await p.jobs.send(CAPTURE_JOB, { resourceId }, { tx, singletonKey: `capture:${resourceId}` });
  if (isDrug(label) && scan && !loc) await ingestDerived(p, tx, ctx, item, scan, { label, score: score ?? 0, from: sub.id });
  await recordAudit(tx, ctx, {
    action: 'om_submission.create',
    resourceType: 'om_submission',
    resourceId: sub.id,
    details: { source: item.source, outcome: sub.outcome, resourceId, kind, label },
  });
  const after = await repo.findResource(tx, resourceId);
  const shop = after?.shop_id ? await repo.findShop(tx, after.shop_id) : undefined;
  return {
    outcome: isNew ? 'new' : 'duplicate',
    submissionId: sub.id,
    resourceId,
    kind,
    label: after?.label ?? label,
    score: after?.score ?? score,
    shopCode: shop?.code ?? null,
    isMirror: after?.is_mirror ?? false,
    error: null,
  };
}

/** The Telegram handles and site links of a drug ad become resources of their own (blockable, captured). */
async function ingestDerived(p: Platform, tx: Tx, ctx: RequestContext, item: IntakeItem, scan: ScanResult, inherit: IntakeItem['inherit']) {
  const seen = new Set<string>();
  for (const i of scan.indicators) {
    if (seen.size >= WORKFLOW.intake.maxDerivedLocators) break;
    if (i.type !== 'telegram' && i.type !== 'domain') continue;
    if (i.type === 'domain' && PLATFORM_DOMAINS.has(i.value)) continue;
    if (i.type === 'telegram' && /^[A-Za-z0-9_-]{5,64}$/.test(i.value) && !/^[a-z]/i.test(i.value)) continue;
    const input = i.type === 'telegram' ? `@${i.value}` : i.value;
    if (seen.has(input)) continue;
    seen.add(input);
    await ingestItem(p, tx, ctx, {
      source: item.source,
      inputKind: i.type === 'telegram' ? 'telegram' : 'url',
      input,
      regionCode: item.regionCode ?? null,
      crawlDepth: item.crawlDepth ?? 0,
      inherit,
    });
  }
}

const WATCH_TYPE = { card: 'card', phone: 'phone', crypto: 'wallet' } as const;

async function publishPayments(
  p: Platform,
  tx: Tx,
  ctx: RequestContext,
  scan: ScanResult,
  resourceId: string,
  shopCode: string | null,
  source: SubmissionSource,
): Promise<void> {
  const entries: WatchInput[] = [];
  for (const i of scan.indicators) {
    if (i.type !== 'card' && i.type !== 'phone' && i.type !== 'crypto') continue;
    entries.push({
      identifier: i.value,
      type: WATCH_TYPE[i.type],
      source: 'online-markets',
      provenance: `${scan.label} (${source} report)`,
      confidence: scan.score,
      shopRef: shopCode,
      evidenceRef: `om-resource:${resourceId}`,
    });
  }
  if (entries.length === 0) return;
  // payments reads what it needs through this transaction (it must not wait for it on PGlite)
  await publishToWatchlist(p, tx, ctx, entries);
}

/** Runs items one transaction each: a bad item never stops the batch, and nothing is half-written. */
export async function ingestMany(
  p: Platform,
  ctx: RequestContext,
  items: readonly (IntakeItem | { error: string })[],
): Promise<ItemOutcome[]> {
  const out: ItemOutcome[] = [];
  for (const item of items) {
    if ('error' in item) {
      out.push(rejected(item.error));
      continue;
    }
    try {
      out.push(await p.db.transaction().execute((tx) => ingestItem(p, tx, ctx, item)));
    } catch (e) {
      out.push(rejected(`could not store: ${(e as Error).message.slice(0, 200)}`));
    }
  }
  return out;
}

/** Keeps a step (photo storage, capture storage) from aborting the item when it fails. */
export async function attempt<T>(
  tx: Tx,
  name: string,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  await sql.raw(`savepoint ${name}`).execute(tx);
  try {
    const value = await fn();
    await sql.raw(`release savepoint ${name}`).execute(tx);
    return { ok: true, value };
  } catch (e) {
    await sql.raw(`rollback to savepoint ${name}`).execute(tx);
    return { ok: false, error: (e as Error).message.slice(0, 500) };
  }
}
