import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { ImageError, inspectImage } from './image.ts';
import { readImage, stopOcr } from './ocr.ts';

// Synthetic wall ad (see fixtures/make-wall-ad.ts): stencilled text plus a QR code; no real shop.
const WALL_AD = readFileSync(new URL('./fixtures/wall-ad.png', import.meta.url));
after(() => stopOcr());

const isImageError = (code: string) => (e: unknown) => e instanceof ImageError && e.code === code;

test('OCR of a wall ad finds the Telegram handle and text; the QR code is decoded', async () => {
  const r = await readImage(WALL_AD);
  assert.equal(r.warnings, undefined, r.warnings?.join('; '));
  assert.match(r.text, /t\.me\/synth_shop_kz/);
  assert.match(r.text, /ЗАКЛАДКИ 24\/7/);
  assert.match(r.text, /Тез жеткізу/);
  assert.equal(r.language, 'kaz');
  assert.deepEqual(r.qrCodes, ['https://t.me/synth_qr_shop']);
});

test('JPEG photos are read too, and several QR codes in one photo are all found', async () => {
  const png = PNG.sync.read(WALL_AD);
  const asJpeg = jpeg.encode({ width: png.width, height: png.height, data: png.data }, 90).data;
  assert.equal(inspectImage(asJpeg).format, 'jpeg');
  const a = PNG.sync.read(await QRCode.toBuffer('https://synth-mirror-one.example/', { margin: 4, scale: 5 }));
  const b = PNG.sync.read(await QRCode.toBuffer('https://t.me/synth_second_qr', { margin: 4, scale: 5 }));
  const both = new PNG({ width: a.width + b.width + 40, height: Math.max(a.height, b.height) });
  both.data.fill(255);
  PNG.bitblt(a, both, 0, 0, a.width, a.height, 0, 0);
  PNG.bitblt(b, both, 0, 0, b.width, b.height, a.width + 40, 0);
  const two = await readImage(PNG.sync.write(both), { tessdata: '/nonexistent' });
  assert.deepEqual([...two.qrCodes].sort(), ['https://synth-mirror-one.example/', 'https://t.me/synth_second_qr']);
  const j = await readImage(asJpeg, { tessdata: '/nonexistent' });
  assert.deepEqual(j.qrCodes, ['https://t.me/synth_qr_shop']);
});

test('without language data OCR is skipped with a warning instead of hanging', async () => {
  const r = await readImage(WALL_AD, { tessdata: '/nonexistent/tessdata' });
  assert.equal(r.text, '');
  assert.match(r.warnings?.[0] ?? '', /language data missing for kaz, rus, eng/);
  assert.deepEqual(r.qrCodes, ['https://t.me/synth_qr_shop'], 'QR codes do not need tesseract');
});

test('a reading past the time limit returns what it has with a warning', async () => {
  const r = await readImage(WALL_AD, { timeoutMs: 1 });
  assert.equal(r.text, '');
  assert.match(r.warnings?.join(' ') ?? '', /time limit/);
  assert.deepEqual(r.qrCodes, ['https://t.me/synth_qr_shop']);
  // and the next reading starts a fresh worker
  assert.match((await readImage(WALL_AD)).text, /synth_shop_kz/);
});

test('other formats, oversized files, pixel bombs and corrupt images are refused before decoding', async () => {
  await assert.rejects(readImage(Buffer.from('GIF89a\u0001\u0000\u0001\u0000')), isImageError('unsupported_image'));
  await assert.rejects(readImage(Buffer.from('%PDF-1.7 synthetic')), isImageError('unsupported_image'));
  await assert.rejects(readImage(Buffer.alloc(6 * 1024 * 1024, 0)), isImageError('image_too_large'));
  // a valid PNG signature and IHDR claiming 100 000 × 100 000 pixels, and nothing else
  const bomb = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bomb, 0);
  bomb.writeUInt32BE(13, 8);
  bomb.write('IHDR', 12, 'latin1');
  bomb.writeUInt32BE(100_000, 16);
  bomb.writeUInt32BE(100_000, 20);
  await assert.rejects(readImage(bomb), isImageError('image_too_large'));
  await assert.rejects(readImage(WALL_AD.subarray(0, 400)), isImageError('corrupt_image'));
  await assert.rejects(readImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0, 0, 0, 0, 0, 0])), isImageError('corrupt_image'));
});
