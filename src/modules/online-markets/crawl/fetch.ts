import type { Capture, FetchOptions } from './contract.ts';

/** Fetches a URL with every limit and SSRF check; never throws for network problems (see Capture.error). */
export async function captureUrl(url: string, options: FetchOptions = {}): Promise<Capture> {
  void url;
  void options;
  throw new Error('captureUrl: not implemented yet');
}
