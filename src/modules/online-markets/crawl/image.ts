import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Photos before OCR: the format from magic bytes (PNG, JPEG only), dimensions read from the header
 * BEFORE decoding (a 1 KB file can claim 100 000 × 100 000 pixels), then RGBA for QR decoding.
 */

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_PIXELS = 25_000_000;
const MAX_QR_PIXELS = 4_000_000;
const MAX_QR_CODES = 4;
// jsqr is CommonJS with an ES-style default in its types: under NodeNext the callable is `.default`
const jsQR = jsQRModule.default;

export type ImageFormat = 'png' | 'jpeg';
export type ImageInfo = { format: ImageFormat; width: number; height: number };

export class ImageError extends Error {
  constructor(
    readonly code: 'unsupported_image' | 'image_too_large' | 'corrupt_image',
    message: string,
  ) {
    super(message);
  }
}

function jpegSize(b: Buffer): { width: number; height: number } | null {
  let pos = 2;
  while (pos + 9 < b.length) {
    if (b[pos] !== 0xff) return null;
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    const len = b.readUInt16BE(pos + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(pos + 5), width: b.readUInt16BE(pos + 7) };
    }
    pos += 2 + len;
  }
  return null;
}

/** Format and size from the header; throws ImageError for other formats, oversized or unreadable files. */
export function inspectImage(b: Buffer): ImageInfo {
  if (b.length > MAX_IMAGE_BYTES) throw new ImageError('image_too_large', `Image is ${b.length} bytes; the limit is ${MAX_IMAGE_BYTES}`);
  let info: ImageInfo | null = null;
  if (b.length >= 24 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    info = { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const size = jpegSize(b);
    if (!size) throw new ImageError('corrupt_image', 'JPEG without a frame header');
    info = { format: 'jpeg', ...size };
  }
  if (!info) throw new ImageError('unsupported_image', 'Only PNG and JPEG photos are read');
  if (info.width === 0 || info.height === 0) throw new ImageError('corrupt_image', 'Image has no pixels');
  if (info.width * info.height > MAX_PIXELS)
    throw new ImageError('image_too_large', `Image is ${info.width}×${info.height} pixels; the limit is ${MAX_PIXELS / 1e6} Mpx`);
  return info;
}

/** RGBA pixels of a checked image. */
export function decodeRgba(b: Buffer, info: ImageInfo): { width: number; height: number; data: Uint8ClampedArray } {
  try {
    if (info.format === 'png') {
      const png = PNG.sync.read(b);
      return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
    }
    const img = jpeg.decode(b, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 256 });
    return { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length) };
  } catch (e) {
    throw new ImageError('corrupt_image', `Image could not be decoded: ${(e as Error).message}`);
  }
}

/** PNG bytes of RGBA pixels. */
export function encodePng(img: { width: number; height: number; data: Uint8ClampedArray }): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length);
  return PNG.sync.write(png);
}

function downscale(img: { width: number; height: number; data: Uint8ClampedArray }, factor: number) {
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const src = (y * factor * img.width + x * factor) * 4;
      data.set(img.data.subarray(src, src + 4), (y * width + x) * 4);
    }
  return { width, height, data };
}

type Rgba = { width: number; height: number; data: Uint8ClampedArray };

function crop(img: Rgba, x0: number, y0: number, w: number, h: number): Rgba {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) data.set(img.data.subarray(((y0 + y) * img.width + x0) * 4, ((y0 + y) * img.width + x0 + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/** Paints a found code white (in the image it was found in, offset into the full image) so the next search sees past it. */
function paintWhite(img: Rgba, corners: { x: number; y: number }[], ox: number, oy: number): void {
  const pad = 8;
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))) + ox - pad);
  const x1 = Math.min(img.width, Math.ceil(Math.max(...corners.map((c) => c.x))) + ox + pad);
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))) + oy - pad);
  const y1 = Math.min(img.height, Math.ceil(Math.max(...corners.map((c) => c.y))) + oy + pad);
  for (let y = y0; y < y1; y++) img.data.fill(255, (y * img.width + x0) * 4, (y * img.width + x1) * 4);
}

/**
 * Every QR code found (up to four). jsQR reads one code per call and gives up when two are in view,
 * so the whole image is searched first (painting each found code white), then overlapping tiles.
 * `masked` is the image with the codes painted out (for OCR), or null when it was downscaled.
 */
export function findQrCodes(rgba: Rgba): { codes: string[]; masked: Rgba | null } {
  const factor = Math.max(1, Math.ceil(Math.sqrt((rgba.width * rgba.height) / MAX_QR_PIXELS)));
  const img = factor > 1 ? downscale(rgba, factor) : { ...rgba, data: new Uint8ClampedArray(rgba.data) };
  const found: string[] = [];
  const scan = (part: Rgba, ox: number, oy: number, tries: number) => {
    for (let i = 0; i < tries && found.length < MAX_QR_CODES; i++) {
      const code = jsQR(part.data, part.width, part.height, { inversionAttempts: 'attemptBoth' });
      if (!code || !code.data) return;
      if (!found.includes(code.data)) found.push(code.data);
      const l = code.location;
      const corners = [l.topLeftCorner, l.topRightCorner, l.bottomLeftCorner, l.bottomRightCorner];
      paintWhite(img, corners, ox, oy);
      if (part !== img) paintWhite(part, corners, 0, 0);
    }
  };
  scan(img, 0, 0, MAX_QR_CODES);
  const { width: w, height: h } = img;
  const tiles: [number, number, number, number][] = [
    [0, 0, Math.ceil(w * 0.6), h],
    [Math.floor(w * 0.4), 0, w - Math.floor(w * 0.4), h],
    [0, 0, w, Math.ceil(h * 0.6)],
    [0, Math.floor(h * 0.4), w, h - Math.floor(h * 0.4)],
  ];
  for (let ty = 0; ty < 3; ty++)
    for (let tx = 0; tx < 3; tx++) tiles.push([Math.floor((w * tx) / 4), Math.floor((h * ty) / 4), Math.floor(w / 2), Math.floor(h / 2)]);
  for (const [x, y, tw, th] of tiles) {
    if (found.length >= MAX_QR_CODES || tw < 21 || th < 21) break;
    scan(crop(img, x, y, tw, th), x, y, 2);
  }
  return { codes: found, masked: factor === 1 ? img : null };
}
