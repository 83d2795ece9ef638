import type { Localized } from '../../lib/api-types';
import regions from '../../../../src/modules/reference/data/regions.json';

// The public report page is used without login, and the reference API (/api/reference/regions) needs
// reference.read, so the page takes the 20 regions from the server's reference data at build time (one
// source: src/modules/reference/data/regions.json).
export const REPORT_REGIONS: readonly { code: string; name: Localized }[] = regions.map((r) => ({ code: r.code, name: r.name }));
