import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../../kernel/access/actor.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Locale } from '../../../kernel/i18n/i18n.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { isRegionCode } from '../../reference/index.ts';
import type { ImageReading } from '../crawl/contract.ts';
import { readImage } from '../crawl/ocr.ts';
import { storePhoto } from '../evidence/store.ts';
import { attempt, ingestItem, type IntakeItem, type ItemOutcome } from './intake.service.ts';
import { WORKFLOW } from './settings.ts';
import type { ReportInput } from './workflow.schema.ts';

const PURPOSE = 'om-report-form';

/**
 * A signed form token: issued time + nonce + keyed hash. The report is accepted only when the form
 * was filled for at least `minFillSeconds` and at most `maxFormAgeMinutes` (bots post at once).
 */
export function reportFormToken(p: Platform, issuedAtMs = Date.now()): string {
  const body = `${issuedAtMs}.${randomBytes(8).toString('hex')}`;
  return `${body}.${p.secrets.keyedHash(body, PURPOSE)}`;
}

function checkFormToken(p: Platform, token: string): void {
  const [issued, nonce, mac] = token.split('.');
  const bad = (code: string, message: string) =>
    new AppError('validation_failed', message, { errors: [{ path: 'body.formToken', message, code }] });
  if (!issued || !nonce || !mac || !/^\d{10,16}$/.test(issued)) throw bad('bad_form_token', 'Reload the form');
  const expect = Buffer.from(p.secrets.keyedHash(`${issued}.${nonce}`, PURPOSE));
  const got = Buffer.from(mac);
  if (expect.length !== got.length || !timingSafeEqual(expect, got)) throw bad('bad_form_token', 'Reload the form');
  const age = (Date.now() - Number(issued)) / 1000;
  if (age < WORKFLOW.citizen.minFillSeconds) throw bad('too_fast', 'The form was sent too fast');
  if (age > WORKFLOW.citizen.maxFormAgeMinutes * 60) throw bad('form_expired', 'The form expired: reload it');
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** Decodes a report's photo; checks the size and that the bytes really are PNG or JPEG. */
export function decodePhoto(photo: NonNullable<ReportInput['photo']>): Buffer {
  const bad = (code: string, message: string) =>
    new AppError('validation_failed', message, { errors: [{ path: 'body.photo', message, code }] });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(photo.base64)) throw bad('bad_base64', 'The photo is not base64');
  const buf = Buffer.from(photo.base64, 'base64');
  if (buf.length === 0) throw bad('empty', 'The photo is empty');
  if (buf.length > WORKFLOW.citizen.maxPhotoBytes) throw bad('too_large', 'The photo is larger than 5 MB');
  const magic = photo.contentType === 'image/png' ? PNG : JPEG;
  if (!buf.subarray(0, magic.length).equals(magic))
    throw bad('not_an_image', `The photo is not a ${photo.contentType === 'image/png' ? 'PNG' : 'JPEG'} image`);
  return buf;
}

export type ReportDeps = { readImage: (image: Buffer) => Promise<ImageReading>; storePhoto: typeof storePhoto };
const DEFAULT_DEPS: ReportDeps = { readImage, storePhoto };

/**
 * A citizen's report (no login): abuse checks (honeypot, signed form token with a minimum fill time;
 * the route adds a per-IP rate limit), then the link, handle, text and photo (OCR text and QR links)
 * go through intake as one transaction; the photo is stored as evidence of the first resource.
 */
export async function submitReport(
  p: Platform,
  meta: { requestId: string; locale: Locale },
  input: ReportInput,
  deps: ReportDeps = DEFAULT_DEPS,
): Promise<{ accepted: boolean; reference: string | null; items: number }> {
  if (input.website) return { accepted: true, reference: null, items: 0 }; // honeypot: say nothing to the bot
  checkFormToken(p, input.formToken);
  if (!input.link && !input.handle && !input.text && !input.photo)
    throw new AppError('validation_failed', 'Give a link, a handle, a text or a photo', {
      errors: [{ path: 'body', message: 'empty report', code: 'empty_report' }],
    });
  if (input.regionCode && !isRegionCode(input.regionCode))
    throw new AppError('validation_failed', 'Unknown region', {
      errors: [{ path: 'body.regionCode', message: 'unknown', code: 'unknown_region' }],
    });
  const photo = input.photo ? decodePhoto(input.photo) : null;
  let reading: ImageReading | null = null;
  let ocrError: string | null = null;
  if (photo) {
    try {
      reading = await deps.readImage(photo);
    } catch (e) {
      ocrError = (e as Error).message.slice(0, 200);
    }
  }
  const ctx: RequestContext = { actor: { ...SYSTEM_ACTOR, username: 'citizen' }, requestId: meta.requestId, locale: meta.locale };
  const where = { regionCode: input.regionCode ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null };
  const items: IntakeItem[] = [];
  if (input.link) items.push({ source: 'citizen', inputKind: 'url', input: input.link, text: input.text ?? null, ...where });
  if (input.handle)
    items.push({
      source: 'citizen',
      inputKind: 'telegram',
      input: input.handle.startsWith('@') || input.handle.includes('/') ? input.handle : `@${input.handle}`,
      text: input.text ?? null,
      ...where,
    });
  if (reading?.text.trim() || (input.text && !input.link && !input.handle) || (photo && items.length === 0)) {
    items.push({
      source: 'citizen',
      inputKind: photo ? 'photo' : 'text',
      input: input.text ?? (photo ? '[photo]' : ''),
      ocrText: reading?.text ?? null,
      ...where,
    });
  }
  for (const qr of reading?.qrCodes.slice(0, 5) ?? []) items.push({ source: 'citizen', inputKind: 'url', input: qr, ...where });
  return p.db.transaction().execute(async (tx) => {
    const outcomes: ItemOutcome[] = [];
    for (const it of items) outcomes.push(await ingestItem(p, tx, ctx, it));
    const first = outcomes.find((o) => o.resourceId);
    if (!first) {
      const why =
        outcomes
          .map((o) => o.error)
          .filter(Boolean)
          .join('; ') ||
        ocrError ||
        'nothing usable';
      throw new AppError('validation_failed', why, { errors: [{ path: 'body', message: why, code: 'nothing_usable' }] });
    }
    if (photo && first.resourceId) {
      const stored = await attempt(tx, 'om_photo', () =>
        deps.storePhoto(tx, first.resourceId!, photo, input.photo!.contentType, 'citizen'),
      );
      if (!stored.ok) ocrError = `${ocrError ? `${ocrError}; ` : ''}photo not stored: ${stored.error}`;
    }
    if (ocrError && first.submissionId)
      await tx.updateTable('om_submissions').set({ error: ocrError }).where('id', '=', first.submissionId).execute();
    return { accepted: true, reference: first.submissionId, items: outcomes.filter((o) => o.outcome !== 'rejected').length };
  });
}
