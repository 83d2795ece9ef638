import type { Rng } from './rng.ts';
import type { SyntheticPerson } from './person.ts';
import { transliterate } from './transliterate.ts';

/**
 * Synthetic phones come from the block +7 799 0XX XX XX (E.164 "+77990" followed by six digits,
 * one million numbers). Kazakhstan's plan puts mobiles in 70x and 77x, landlines in 710–729 and other
 * services in 75x/76x; zone 799 is allocated to nothing, so these numbers look like Kazakh mobiles
 * but should not reach a real subscriber. Validators that accept only real operator codes
 * (700–708, 747, 771–778) will reject them: let them accept SYNTHETIC_PHONE_PATTERN as well.
 */
export const SYNTHETIC_PHONE_PREFIX = '+77990';

/** Matches exactly the phones syntheticPhone can return. */
export const SYNTHETIC_PHONE_PATTERN = /^\+77990\d{6}$/;

/** A phone number in E.164 form (no spaces) from the documented fictional block, e.g. "+77990123456". */
export function syntheticPhone(rng: Rng): string {
  return SYNTHETIC_PHONE_PREFIX + String(rng.int(0, 999_999)).padStart(6, '0');
}

/** True when the phone belongs to the fictional block used by syntheticPhone. */
export function isSyntheticPhone(phone: string): boolean {
  return SYNTHETIC_PHONE_PATTERN.test(phone);
}

/** Default e-mail domain for demo data. */
export const SYNTHETIC_EMAIL_DOMAIN = 'example.kz';

const DOMAIN_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

function emailPart(name: string): string {
  return transliterate(name)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * An address built from the person's Latin name in one of the usual shapes (aigerim.nurlanova,
 * a.nurlanova, nurlanova_a, …), sometimes with the birth year or a small number. Not unique: add a
 * counter yourself when a column needs unique e-mails.
 */
export function syntheticEmail(rng: Rng, person: SyntheticPerson, domain: string = SYNTHETIC_EMAIL_DOMAIN): string {
  const host = domain.trim().toLowerCase();
  if (!DOMAIN_PATTERN.test(host)) throw new Error(`syntheticEmail: "${domain}" is not a valid domain name`);
  const first = emailPart(person.firstName) || 'user';
  const last = emailPart(person.lastName) || 'demo';
  const initial = first[0] ?? 'u';
  const shapes = [
    `${first}.${last}`,
    `${initial}.${last}`,
    `${last}.${first}`,
    `${first}${last}`,
    `${last}_${initial}`,
    `${first}_${last}`,
  ] as const;
  let local: string = rng.pick(shapes);
  const roll = rng.next();
  if (roll < 0.25) local += person.birthDate.slice(2, 4);
  else if (roll < 0.4) local += person.birthDate.slice(0, 4);
  else if (roll < 0.55) local += String(rng.int(1, 99));
  return `${local}@${host}`;
}
