import { existsSync } from 'node:fs';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { ImageReading } from './contract.ts';
import { decodeRgba, encodePng, findQrCodes, inspectImage } from './image.ts';

/**
 * Photos of wall ads: OCR with tesseract.js on Debian's language data (rus+kaz+eng, never a CDN) and
 * QR codes with jsQR. One worker, created on first use, reused, and stopped after 5 s idle; a reading that runs past the time
 * limit terminates it (the next one starts a fresh worker). Missing language data gives text '' and a
 * warning instead of a hang. Bad files throw ImageError (unsupported_image, image_too_large, corrupt_image).
 */

/** Debian's tesseract-ocr-* packages put the language data here. */
export const TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';
const LANGS = ['kaz', 'rus', 'eng'];
const OCR_TIMEOUT_MS = 60_000;

let worker: Promise<Worker> | null = null;
let workerDir = TESSDATA;
let idleTimer: NodeJS.Timeout | undefined;
let inFlight = 0;
// the worker thread keeps the process alive: an idle worker is stopped so CLIs and tests can exit
const IDLE_MS = 5_000;

function missingLanguages(dir: string): string[] {
  return LANGS.filter((l) => !existsSync(path.join(dir, `${l}.traineddata`)));
}

async function getWorker(dir: string): Promise<Worker> {
  if (worker && workerDir !== dir) await stopOcr();
  if (!worker) {
    workerDir = dir;
    worker = createWorker(LANGS, OEM.LSTM_ONLY, { langPath: dir, gzip: false, cacheMethod: 'none', errorHandler: () => undefined });
    worker.catch(() => {
      worker = null;
    });
  }
  return worker;
}

/** Terminates the OCR worker (tests and shutdown); the next reading starts a new one. */
export async function stopOcr(): Promise<void> {
  clearTimeout(idleTimer);
  const w = worker;
  worker = null;
  if (w) await (await w.catch(() => null))?.terminate().catch(() => undefined);
}

/** Kazakh-only letters → kaz; other Cyrillic → rus; Latin → eng. */
function scriptLanguage(text: string): string | null {
  if (/[әғқңөұүһі]/i.test(text)) return 'kaz';
  const cyr = (text.match(/[а-яё]/gi) ?? []).length;
  const lat = (text.match(/[a-z]/gi) ?? []).length;
  if (cyr + lat < 3) return null;
  return cyr >= lat ? 'rus' : 'eng';
}

export type ReadImageOptions = { tessdata?: string; timeoutMs?: number };

async function ocr(image: Buffer, warnings: string[], dir: string, timeoutMs: number): Promise<string> {
  const missing = missingLanguages(dir);
  if (missing.length > 0) {
    warnings.push(
      `OCR skipped: tesseract language data missing for ${missing.join(', ')} in ${dir} (install tesseract-ocr-rus, tesseract-ocr-kaz)`,
    );
    return '';
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  inFlight += 1;
  clearTimeout(idleTimer);
  try {
    const result = await Promise.race([getWorker(dir).then((w) => w.recognize(image)), timeout]);
    if (result === null) {
      warnings.push(`OCR stopped at the time limit (${timeoutMs / 1000} s)`);
      await stopOcr();
      return '';
    }
    return result.data.text
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } catch (e) {
    warnings.push(`OCR failed: ${(e as Error).message}`);
    await stopOcr();
    return '';
  } finally {
    clearTimeout(timer);
    inFlight -= 1;
    if (inFlight === 0) idleTimer = setTimeout(() => void stopOcr(), IDLE_MS).unref();
  }
}

/** OCR (Russian, Kazakh, English) and QR codes of a photo (PNG or JPEG). */
export async function readImage(image: Buffer, options: ReadImageOptions = {}): Promise<ImageReading> {
  const info = inspectImage(image);
  const { codes, masked } = findQrCodes(decodeRgba(image, info));
  const warnings: string[] = [];
  // OCR reads the photo with its QR codes painted out: their modules otherwise come back as junk letters
  const forOcr = masked && codes.length > 0 ? encodePng(masked) : image;
  const text = await ocr(forOcr, warnings, options.tessdata ?? TESSDATA, options.timeoutMs ?? OCR_TIMEOUT_MS);
  const reading: ImageReading = { text, qrCodes: codes, language: scriptLanguage(text) };
  if (warnings.length > 0) reading.warnings = warnings;
  return reading;
}
