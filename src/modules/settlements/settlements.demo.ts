import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import type { Tx } from '../../kernel/db/database.ts';
import type { DemoSeedReport } from '../../kernel/module.ts';
import { createRng, syntheticVillageName } from '../../kernel/synthetic/index.ts';
import { REGIONS } from '../reference/index.ts';
import { insertSettlement } from './settlements.repository.ts';
import { SETTLEMENT_STATUSES } from './settlements.schema.ts';

/** Rural regions carry most of the movement; cities have few villages. Weights are illustrative. */
const WEIGHT: Record<string, number> = {
  'KZ-71': 1,
  'KZ-75': 1,
  'KZ-79': 1,
  'KZ-61': 9,
  'KZ-31': 6,
  'KZ-19': 7,
  'KZ-43': 6,
  'KZ-11': 5,
  'KZ-59': 5,
  'KZ-39': 5,
};

/** About 546 synthetic sober settlements (the published February 2026 count), spread over the regions. */
export async function seedDemoSettlements(tx: Tx, seed: string, count = 546): Promise<DemoSeedReport> {
  const rng = createRng(`${seed}/settlements`);
  const regions = REGIONS.map((r) => [r.code, WEIGHT[r.code] ?? 4] as const);
  const statuses = SETTLEMENT_STATUSES.map((s, i) => [s, [20, 35, 40, 5][i] ?? 1] as const);
  for (let i = 0; i < count; i++) {
    const regionCode = rng.weighted(regions);
    const village = syntheticVillageName(rng, regionCode);
    const population = rng.int(150, 6000);
    const month = rng.int(0, 26);
    const joined = new Date(Date.UTC(2024, 8 + month, rng.int(1, 28)));
    await insertSettlement(tx, {
      name: village.name,
      region_code: regionCode,
      district: village.district,
      status: rng.weighted(statuses),
      population,
      activists: rng.int(3, Math.max(4, Math.floor(population / 40))),
      joined_on: joined.toISOString().slice(0, 10),
      notes: '',
      is_synthetic: true,
      created_by: SYSTEM_ACTOR.username,
    });
  }
  return { lines: [`  ${count} synthetic sober settlements`] };
}
