import type { Tx } from '../../../kernel/db/database.ts';
import type { Capture } from '../crawl/contract.ts';

/** Stores a capture (WARC, screenshot, headers, IPs, hashes) as immutable evidence of a resource; returns its id. */
export async function storeCapture(tx: Tx, resourceId: string, capture: Capture, capturedBy: string): Promise<string> {
  void tx;
  void resourceId;
  void capture;
  void capturedBy;
  throw new Error('storeCapture: not implemented yet');
}

/** Stores a citizen's photo as evidence of a resource; returns its id. */
export async function storePhoto(tx: Tx, resourceId: string, photo: Buffer, contentType: string, capturedBy: string): Promise<string> {
  void tx;
  void resourceId;
  void photo;
  void contentType;
  void capturedBy;
  throw new Error('storePhoto: not implemented yet');
}
