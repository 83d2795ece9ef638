import type { Tx } from '../../kernel/db/database.ts';
import { createRng, syntheticAddress, syntheticPhone, syntheticVillageName, type Rng } from '../../kernel/synthetic/index.ts';
import { REGIONS } from '../reference/index.ts';

const FSC_SERVICES = ['psychologist', 'lawyer', 'social_worker', 'parenting_course', 'crisis_line'];
const KIND_SERVICES: Record<string, string[]> = {
  ngo: ['legal_aid', 'peer_support', 'hotline'],
  psychologist: ['individual_therapy', 'child_therapy'],
  shelter: ['crisis_beds', 'legal_aid', 'psychologist'],
  health: ['forensic_exam', 'trauma_care', 'mental_health'],
};
const KIND_NAMES: Record<string, string> = {
  ngo: 'Общественный фонд «Қамқор-{n}»',
  psychologist: 'Центр психологической помощи «Сенім-{n}»',
  shelter: 'Кризисный центр «Үміт-{n}»',
  health: 'Городская поликлиника № {n}',
};

/** Deterministic uuid (v4 layout) from the seeded generator, so demo ids are the same on every run. */
export function seededUuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
export { insertChunks };

export type DemoRegistry = {
  schoolsByRegion: Map<string, string[]>;
  providersByRegion: Map<string, { id: string; kind: string; status: string; code: string }[]>;
};

/**
 * Synthetic schools (3-5 per region) and providers: 131 Family Support Centres (open and planned)
 * over the 20 regions, plus an NGO, a psychologist, a shelter and a health service per region.
 * Names and addresses are invented.
 */
export async function seedDemoRegistry(tx: Tx, seed: string): Promise<DemoRegistry> {
  const rng = createRng(`${seed}/family-safety/registry`);
  const schools: { id: string; code: string; region_code: string; name: string; address: string; is_synthetic: boolean }[] = [];
  const providers: {
    id: string;
    code: string;
    kind: string;
    region_code: string;
    name: string;
    address: string;
    phone: string;
    services: string[];
    capacity: number;
    status: string;
    opens_on: string | null;
    is_synthetic: boolean;
  }[] = [];
  const schoolsByRegion = new Map<string, string[]>();
  const providersByRegion = new Map<string, { id: string; kind: string; status: string; code: string }[]>();
  const codes = REGIONS.map((r) => r.code);
  const fscCount = new Map(codes.map((c) => [c, 6]));
  // 131 centres: 6 per region, the 11 extra ones in the most populous regions
  for (const c of ['KZ-75', 'KZ-71', 'KZ-79', 'KZ-61', 'KZ-61', 'KZ-35', 'KZ-19', 'KZ-63', 'KZ-31', 'KZ-47', 'KZ-75'])
    fscCount.set(c, (fscCount.get(c) ?? 0) + 1);
  for (const region of codes) {
    const num = region.slice(3);
    const ids: string[] = [];
    for (let i = 1; i <= rng.int(3, 5); i++) {
      const id = seededUuid(rng);
      ids.push(id);
      schools.push({
        id,
        code: `SCH-${num}-${String(i).padStart(3, '0')}`,
        region_code: region,
        name: `Школа-гимназия № ${rng.int(2, 180)}`,
        address: syntheticAddress(rng, region).text,
        is_synthetic: true,
      });
    }
    schoolsByRegion.set(region, ids);
    const list: { id: string; kind: string; status: string; code: string }[] = [];
    const total = fscCount.get(region) ?? 6;
    for (let i = 1; i <= total; i++) {
      const id = seededUuid(rng);
      const status = i <= Math.ceil(total * 0.7) ? 'open' : 'planned';
      const place = syntheticVillageName(rng, region);
      const code = `FSC-${num}-${String(i).padStart(2, '0')}`;
      providers.push({
        id,
        code,
        kind: 'fsc',
        region_code: region,
        name: `Центр поддержки семьи «${place.name}»`,
        address: syntheticAddress(rng, region).text,
        phone: syntheticPhone(rng),
        services: FSC_SERVICES.filter(() => rng.bool(0.7)),
        capacity: rng.int(20, 90),
        status,
        opens_on: status === 'planned' ? `2027-0${rng.int(1, 9)}-01` : `202${rng.int(3, 5)}-0${rng.int(1, 9)}-01`,
        is_synthetic: true,
      });
      list.push({ id, kind: 'fsc', status, code });
    }
    for (const kind of ['ngo', 'psychologist', 'shelter', 'health']) {
      const id = seededUuid(rng);
      const code = `${kind.toUpperCase()}-${num}-01`;
      providers.push({
        id,
        code,
        kind,
        region_code: region,
        name: (KIND_NAMES[kind] ?? '{n}').replace('{n}', String(rng.int(1, 40))),
        address: syntheticAddress(rng, region).text,
        phone: syntheticPhone(rng),
        services: KIND_SERVICES[kind] ?? [],
        capacity: rng.int(10, 60),
        status: 'open',
        opens_on: null,
        is_synthetic: true,
      });
      list.push({ id, kind, status: 'open', code });
    }
    providersByRegion.set(region, list);
  }
  await insertChunks(schools, (c) => tx.insertInto('dv_schools').values(c).execute());
  await insertChunks(providers, (c) => tx.insertInto('dv_providers').values(c).execute());
  return { schoolsByRegion, providersByRegion };
}
