/**
 * Deterministic synthetic demo data for every Tartip module: invented people, addresses in real
 * localities, fictional phones and e-mails. Nothing here describes a real person, and the same seed
 * gives the same data on every run and machine (no Math.random, no clock).
 *
 * Typical use: one root `createRng('demo:v1')`, then `rng.fork('persons')`, `rng.fork('addresses')`, …
 * so that adding draws to one concern does not reshuffle the others. Store SYNTHETIC_MARK with every
 * record made here so demo data can always be told apart and removed.
 */

import { findRegion } from './regions.ts';

/** Marker stored with demo records made from this library (e.g. in a `source` or `origin` column). */
export const SYNTHETIC_MARK: string = 'SYNTHETIC';

export { createRng, type Rng } from './rng.ts';
export {
  syntheticPerson,
  russianPatronymic,
  kazakhPatronymic,
  feminineSurname,
  DEFAULT_RUSSIAN_SHARE,
  type Gender,
  type NameStyle,
  type SyntheticPerson,
  type SyntheticPersonOptions,
} from './person.ts';
export { syntheticAddress, regionLocalities, syntheticVillageName, type SyntheticAddress } from './address.ts';
export {
  syntheticPhone,
  isSyntheticPhone,
  syntheticEmail,
  SYNTHETIC_PHONE_PREFIX,
  SYNTHETIC_PHONE_PATTERN,
  SYNTHETIC_EMAIL_DOMAIN,
} from './contact.ts';
export { SYNTHETIC_REGION_CODES, type LocalityKind, type RegionLocality } from './regions.ts';
export { transliterate } from './transliterate.ts';
export { ageOn } from './dates.ts';

/** Share (0..1) of Russian-style names syntheticPerson uses for a region; throws for an unknown code. */
export function regionRussianShare(regionCode: string): number {
  return findRegion(regionCode).russianShare;
}
