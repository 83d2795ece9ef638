import type { Rng } from '../../../kernel/synthetic/index.ts';
import { base58CheckEncode, bech32Encode, toEip55, withLuhnDigit } from '../checksums.ts';

/**
 * Synthetic indicator values for the corpus: test-range card numbers (4000 00xx…, 5555 55xx…),
 * phones in the unallocated +7 799 0xx block, checksum-valid wallets built from random bytes,
 * invented handles and domains. Nothing here belongs to a real person.
 */

const bytes = (rng: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => rng.int(0, 255));

export const CITIES = [
  'Алматы',
  'Астана',
  'Шымкент',
  'Караганда',
  'Актобе',
  'Тараз',
  'Павлодар',
  'Усть-Каменогорск',
  'Семей',
  'Костанай',
  'Кызылорда',
  'Атырау',
  'Актау',
  'Уральск',
  'Петропавловск',
  'Талдыкорган',
  'Туркестан',
  'Экибастуз',
  'Темиртау',
  'Кокшетау',
  'Жезказган',
  'Конаев',
];
export const CITIES_KK = [
  'Алматыда',
  'Астанада',
  'Шымкентте',
  'Қарағандыда',
  'Ақтөбеде',
  'Таразда',
  'Павлодарда',
  'Семейде',
  'Атырауда',
  'Ақтауда',
  'Түркістанда',
];
export const CITIES_EN = ['Almaty', 'Astana', 'Shymkent', 'Karaganda', 'Aktobe', 'Taraz', 'Pavlodar', 'Atyrau', 'Aktau', 'Semey'];

const HANDLE_HEADS = [
  'mef',
  'kristal',
  'snow',
  'shop',
  'klad',
  'alm',
  'ast',
  'kz',
  'green',
  'ice',
  'white',
  'boss',
  'lab',
  'chem',
  'magic',
  'moon',
  'cat',
  'meow',
  'candy',
  'fast',
  'turbo',
  'zona',
  'sever',
  'yug',
  'city',
  'best',
  'top',
  'royal',
  'gold',
  'dark',
  'night',
  'nomad',
  'steppe',
  'bars',
];
const HANDLE_TAILS = [
  'shop',
  'store',
  'kz',
  'almaty',
  'astana',
  '24',
  '777',
  'market',
  'club',
  'team',
  'oper',
  'operator',
  'support',
  'work',
  'job',
  'help',
  'dealer',
  'zone',
];
const BENIGN_HEADS = [
  'flowers',
  'tort',
  'cake',
  'style',
  'moda',
  'beauty',
  'nails',
  'kids',
  'toys',
  'books',
  'phone',
  'fix',
  'auto',
  'taxi',
  'dom',
  'home',
  'eco',
  'bio',
  'fit',
  'coffee',
  'sushi',
  'pizza',
  'baursak',
  'apteka',
  'pharm',
  'travel',
  'tour',
];

/** An invented Telegram handle (drug-shop or ordinary flavour). */
export function handle(rng: Rng, kind: 'drug' | 'benign' = 'drug', bot = false): string {
  const heads = kind === 'drug' ? HANDLE_HEADS : BENIGN_HEADS;
  const sep = rng.pick(['_', '', '_', '']);
  let h = `${rng.pick(heads)}${sep}${rng.pick(HANDLE_TAILS)}`;
  if (rng.bool(0.4)) h += String(rng.int(1, 99));
  if (bot) h += rng.pick(['_bot', 'bot', '_bot']);
  if (h.length < 5) h += 'kz';
  return rng.bool(0.2) ? h.charAt(0).toUpperCase() + h.slice(1) : h;
}

export function invite(rng: Rng): string {
  const abc = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789_-';
  return Array.from({ length: rng.int(12, 22) }, () => abc[rng.int(0, abc.length - 1)]).join('');
}

/** A Luhn-valid card number from test ranges, optionally grouped. */
export function card(rng: Rng): { digits: string; written: string } {
  const body = rng.pick(['400000', '555555', '400001', '555544']) + Array.from({ length: 9 }, () => rng.int(0, 9)).join('');
  const digits = withLuhnDigit(body);
  const style = rng.int(0, 2);
  const written = style === 0 ? digits : digits.replace(/(\d{4})(?=\d)/g, style === 1 ? '$1 ' : '$1-');
  return { digits, written };
}

/** A phone in the unallocated +7 799 0xx block, written in one of the usual ways. */
export function phone(rng: Rng): { e164: string; written: string } {
  const rest = `0${rng.int(10, 99)}${String(rng.int(0, 9999)).padStart(4, '0')}`;
  const n = `799${rest}`;
  const a = rest.slice(0, 3);
  const b = rest.slice(3, 5);
  const c = rest.slice(5, 7);
  const styles = [
    `+7 799 ${a} ${b} ${c}`,
    `8 799 ${a} ${b} ${c}`,
    `+7 (799) ${a}-${b}-${c}`,
    `8(799)${a}${b}${c}`,
    `+7799${rest}`,
    `8799${rest}`,
    `799${rest}`,
    `8-799-${a}-${b}-${c}`,
  ];
  return { e164: `+7${n}`, written: rng.pick(styles) };
}

export const btc = (rng: Rng): string =>
  rng.bool(0.5) ? bech32Encode(0, bytes(rng, 20)) : base58CheckEncode(rng.pick([0, 5]), bytes(rng, 20));
export const tron = (rng: Rng): string => base58CheckEncode(0x41, bytes(rng, 20));
export const eth = (rng: Rng): string => {
  const hex = Buffer.from(bytes(rng, 20)).toString('hex');
  return rng.bool(0.6) ? toEip55(hex) : `0x${hex}`;
};

const DOMAIN_WORDS = [
  'mef',
  'kristal',
  'snow',
  'klad',
  'magaz',
  'shop',
  'zakladka',
  'green',
  'white',
  'ice',
  'nomad',
  'step',
  'asia',
  'alm',
  'hydra',
  'mega',
  'blacksprut',
  'kraken',
  'omg',
];
const TLDS = [
  'kz',
  'ru',
  'com',
  'net',
  'org',
  'biz',
  'io',
  'me',
  'su',
  'cc',
  'top',
  'xyz',
  'site',
  'shop',
  'store',
  'online',
  'com.kz',
  'org.kz',
  'co.uk',
  'onion',
  'to',
  'ws',
];
const BENIGN_DOMAIN_WORDS = [
  'flowers',
  'tort',
  'moda',
  'apteka',
  'med',
  'clinic',
  'news',
  'gazeta',
  'tour',
  'auto',
  'books',
  'dom',
  'eco',
  'sport',
  'kino',
];

/** An invented domain: registrable name and a host that may carry www. or a sub-domain. */
export function domain(rng: Rng, kind: 'drug' | 'benign' = 'drug'): { registrable: string; host: string } {
  const words = kind === 'drug' ? DOMAIN_WORDS : BENIGN_DOMAIN_WORDS;
  const tail = rng.pick(['', String(rng.int(1, 99)), rng.pick(words), 'kz', 'shop']);
  const name = `${rng.pick(words)}${tail ? rng.pick(['', '-', '']) : ''}${tail}`;
  const registrable = `${name}.${rng.pick(TLDS)}`;
  const host = rng.bool(0.3)
    ? `www.${registrable}`
    : rng.bool(0.15)
      ? `${rng.pick(['m', 'shop', 'go', 'mirror1'])}.${registrable}`
      : registrable;
  return { registrable, host };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => rng.pick(items);
