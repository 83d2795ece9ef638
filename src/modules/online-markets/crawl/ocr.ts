import type { ImageReading } from './contract.ts';

/** OCR (Russian, Kazakh, English) and QR codes of a photo (PNG or JPEG). */
export async function readImage(image: Buffer): Promise<ImageReading> {
  void image;
  throw new Error('readImage: not implemented yet');
}
