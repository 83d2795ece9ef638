import fs from 'node:fs';
import path from 'node:path';
import { createRng, type Rng } from '../../../kernel/synthetic/index.ts';
import { generateIndicatorCases } from './indicator-cases.ts';
import { obfuscateText, type Trick } from './obfuscate.ts';
import * as v from './synthetic-values.ts';
import { BENIGN_TEMPLATES } from './templates-benign.ts';
import { AD_TEMPLATES, RECRUIT_TEMPLATES, type Template } from './templates-drug.ts';
import { HARD_NEGATIVE_TEMPLATES } from './templates-hard.ts';
import { IMPLICIT_AD_TEMPLATES, IMPLICIT_RECRUIT_TEMPLATES } from './templates-implicit.ts';

/**
 * Writes the templated part of the corpus (data/online-markets/corpus/generated.jsonl) and the
 * synthetic part of the indicator set (indicators-generated.jsonl). Seeded: the same code writes the
 * same files. Run: `npx tsx src/modules/online-markets/corpus/generate.ts`.
 */

export type CorpusRecord = {
  id: string;
  text: string;
  label: string;
  lang: string;
  obfuscated: boolean;
  category: string;
  group: string;
  source: string;
};

const SUBST_RU = [
  'Меф',
  'Мефедрон',
  'Мяу',
  '4-MMC',
  'Альфа-PVP',
  'Соль',
  'Крисы',
  'Кристаллы',
  'СК',
  'Шишки',
  'Бошки',
  'Гашиш',
  'Гаш',
  'Плюхи',
  'Амфетамин',
  'Фен',
  'Амф',
  'Кокаин',
  'Кокс',
  'Героин',
  'ЛСД',
  'Марки',
  'МДМА',
  'Экстази',
  'Колёса',
  'Метамфетамин',
  'Мет',
  'Спайс',
  'Микс',
  'Метадон',
  'Кетамин',
  'Грибы-псилоцибы',
  'Марихуана',
  'Шмаль',
  'Анаша',
  'Герыч',
  'Меф кристалл',
  'Мефедрон VHQ',
  'Скорость',
  'Лёд',
];
const SUBST_EN = [
  'mephedrone',
  'meph',
  '4-MMC',
  'alpha-PVP',
  'weed',
  'cannabis',
  'hash',
  'cocaine',
  'coke',
  'MDMA',
  'ecstasy pills',
  'LSD tabs',
  'meth',
  'crystal meth',
  'amphetamine',
  'speed',
  'ketamine',
  'spice',
  'magic mushrooms',
  'heroin',
];
const RX = [
  'Трамадол',
  'Трамал',
  'Лирика',
  'Прегабалин',
  'Тропикамид',
  'Сомнол',
  'Зопиклон',
  'Феназепам',
  'Ксанакс',
  'Кодеин',
  'Терпинкод',
  'Метадон',
];
const RX_DOSE = [
  'Лирика 300 мг, 56 капсул',
  'Трамадол 50 мг №20',
  'Тропикамид 1% 10 мл',
  'Сомнол 7.5 мг №20',
  'Прегабалин 150 мг №14',
  'Феназепам 1 мг №50',
  'Трамал ретард 100 мг',
  'Лирика 150, блистер',
];
const RX_CLASS = [
  'опиоидный анальгетик',
  'противоэпилептическое средство',
  'средство для расширения зрачка',
  'снотворное средство',
  'транквилизатор',
];
const SHOPS = [
  'Белый Кролик',
  'Снежная Королева',
  'Kristal Shop',
  'Мяу Маркет',
  'Ice Age',
  'Зелёный Слон',
  'Nomad Store',
  'Степной Волк',
  'Химик KZ',
  'Лаборатория',
  'ALM SNOW',
  'Полярный Экспресс',
  'Кот Учёный',
  'Black Bars',
];
const DISTRICTS = [
  'Аксай',
  'Самал',
  'Орбита',
  'Алмагуль',
  'Жетысу',
  'Шанырак',
  'Байконур',
  'Сарыарка',
  'Есиль',
  'Нурсат',
  'Кайтпас',
  'Майкудук',
  'Юго-Восток',
  'Левый берег',
  'Мамыр',
  'Тастак',
];
const REGIONS = [
  'Алматинской области',
  'Карагандинской области',
  'Туркестанской области',
  'Жамбылской области',
  'Павлодарской области',
  'Акмолинской области',
  'ВКО',
  'СКО',
  'Мангистауской области',
  'г. Шымкента',
];
const NAMES = [
  'Жарық',
  'Дәрмен',
  'Шипа',
  'Береке',
  'Nomad',
  'Altyn',
  'Samal',
  'Сенім',
  'Үміт',
  'Болашақ',
  'Жол',
  'Арай',
  'Нұр',
  'Tengri',
  'Ainala',
];
// street slang and emoji codes (round three): names a keyword list does not know
const SLANG_RU = [
  'мефчик',
  'меф',
  'крис',
  'кристаллы',
  'стафф',
  'соль',
  'альфа',
  'гаш',
  'шишки',
  'шишечки',
  'бошки',
  'снежок',
  'белый',
  'кокос',
  'скорость',
  'ск',
  'мука',
  'хэш',
  'пластилин',
  'колёса',
  'марки',
  'грибочки',
  'ёлка',
  'зелень',
  'твёрдый',
  'лёд',
  'гидра',
  'мяу',
];
const SLANG_KK = ['меф', 'кристал', 'шишка', 'гашиш', 'ақ ұнтақ', 'альфа', 'қар', 'мефедрон', 'бошки', 'соль'];
const SLANG_EN = ['snow', 'molly', 'ice', 'gas', 'candy', 'buds', 'crystals', 'tina', 'blow', 'tabs', 'shrooms', 'zaza', 'k'];
const CODES = ['❄️', '🍁', '🌿', '💊', '🔮', '💎', '🍫', '🍄', '🐱', '🍬', '🧊', '⛷️', '🥥', '🎫', '🌱', '💨', '🍭'];
const MOMENTS = [
  'клад за 10 минут',
  'координаты сразу',
  'выдача моментально',
  'фото точки после оплаты',
  'адрес в течение часа',
  'магнит или прикоп',
  'тайник у дома',
];
const EMOJI = ['❄️', '🍁', '🌿', '💊', '🔮', '💎', '🍫', '🍄', '🐱', '🍭', '🚀', '🧊', '⚡'];
const FILLERS = [
  'Работаем честно.',
  'Всем хорошего дня!',
  'Подписывайтесь.',
  'Не пропустите!',
  'Спасибо, что вы с нами.',
  'Вопросы — в лс.',
  'Скоро новые позиции.',
  'Ждём вас.',
  'Берегите себя.',
  'Обновление каждый день.',
];

const num = (rng: Rng, a: number, b: number) => String(rng.int(a, b));
function price(rng: Rng): string {
  const n = rng.pick([3000, 5000, 7000, 8000, 9000, 10000, 12000, 15000, 18000, 20000, 25000, 30000, 35000, 45000]);
  const s = rng.bool(0.5) ? String(n) : n.toLocaleString('ru-RU').replace(/\u00a0/g, ' ');
  return rng.pick([`${s}₸`, `${s} тг`, `${s}тг`, `${n / 1000}к`, `${s} тенге`, `${s} ₸`]);
}
const money = (rng: Rng) =>
  rng.pick(['150 000 ₸', '200 000 тг', '300 000 ₸', '400к', '500 000 тг', '$1000', '$700', '250к', '1 000 000 ₸', '80 000 тг']);
const weight = (rng: Rng) => rng.pick(['0.5', '1', '1', '2', '3', '5', '0.3', '10', '0,5', '1.5']);

function slots(rng: Rng, used: string[]): Record<string, () => string> {
  return {
    city: () => rng.pick(v.CITIES),
    city_kk: () => rng.pick(v.CITIES_KK),
    city_en: () => rng.pick(v.CITIES_EN),
    region: () => rng.pick(REGIONS),
    district: () => rng.pick(DISTRICTS),
    subst: () => {
      const s = rng.pick(SUBST_RU);
      used.push(s);
      return s;
    },
    subst_en: () => rng.pick(SUBST_EN),
    rx: () => {
      const s = rng.pick(RX);
      used.push(s);
      return s;
    },
    rxdose: () => rng.pick(RX_DOSE),
    rxclass: () => rng.pick(RX_CLASS),
    w: () => weight(rng),
    price: () => price(rng),
    usd: () => `$${rng.pick([20, 30, 40, 50, 60, 80, 100, 150])}`,
    money: () => money(rng),
    percent: () => `${rng.int(2, 15)}%`,
    N: () => num(rng, 2, 60),
    handle: () => v.handle(rng, 'drug'),
    bot: () => v.handle(rng, 'drug', true),
    bhandle: () => v.handle(rng, 'benign'),
    bbot: () => v.handle(rng, 'benign', true),
    invite: () => v.invite(rng),
    card: () => v.card(rng).written,
    phone: () => v.phone(rng).written,
    btc: () => v.btc(rng),
    tron: () => v.tron(rng),
    eth: () => v.eth(rng),
    domain: () => {
      const d = v.domain(rng, 'drug');
      return rng.bool(0.5) ? d.host : `${rng.pick(['https://', 'http://'])}${d.host}${rng.pick(['', '/', '/catalog', '/shop?city=alm'])}`;
    },
    bdomain: () => v.domain(rng, 'benign').host,
    shop: () => rng.pick(SHOPS),
    emoji: () => rng.pick(EMOJI),
    slang: () => {
      const x = rng.pick(SLANG_RU);
      used.push(x);
      return x;
    },
    slang_kk: () => rng.pick(SLANG_KK),
    slang_en: () => rng.pick(SLANG_EN),
    code: () => rng.pick(CODES),
    moment: () => rng.pick(MOMENTS),
    name: () => rng.pick(NAMES),
  };
}

/** Expands `{a|b}` alternatives and `{slot}` values, innermost first. */
export function fill(template: string, rng: Rng, used: string[] = []): string {
  const s = slots(rng, used);
  let out = template;
  for (let guard = 0; guard < 20 && out.includes('{'); guard++) {
    out = out.replace(/\{([^{}]*)\}/g, (_m, body: string) => {
      const slot = s[body];
      if (slot) return slot();
      return rng.pick(body.split('|'));
    });
  }
  return out;
}

const TRICKS: Trick[] = ['homoglyphs', 'leetspeak', 'spacing', 'invisible', 'transliteration', 'link'];
const STASH_KEYS = [
  'закладки',
  'закладка',
  'закладками',
  'клады',
  'клад',
  'кладом',
  'закладчики',
  'закладчиков',
  'кладмен',
  'кладмены',
  'магнит',
  'прикоп',
  'меф',
  'соль',
  'есірткі',
  'дропы',
  'дропов',
  'карту',
];

function generateSet(templates: Template[], label: string, perTemplate: number, rng: Rng, out: CorpusRecord[]): void {
  const isDrug = label !== 'benign';
  for (const t of templates) {
    const trng = rng.fork(t.id);
    const seen = new Set<string>();
    for (let i = 0, tries = 0; i < perTemplate && tries < perTemplate * 4; tries++) {
      const used: string[] = [];
      let text = fill(t.text, trng, used)
        .replace(/[ \t]{2,}/g, ' ')
        .trim();
      if (trng.bool(0.2)) text = `${text} ${trng.pick(FILLERS)}`;
      if (trng.bool(0.1)) text = `${trng.pick(FILLERS)} ${text}`;
      if (trng.bool(0.05)) text = text.toUpperCase();
      let obfuscated = false;
      if (isDrug && trng.bool(0.34)) {
        const tricks = [trng.pick(TRICKS)];
        if (trng.bool(0.3)) tricks.push(trng.pick(TRICKS));
        const obf = obfuscateText(text, [...used, ...STASH_KEYS], tricks, trng);
        obfuscated = obf !== text;
        text = obf;
      }
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({
        id: `${t.id}-${String(i + 1).padStart(3, '0')}`,
        text,
        label,
        lang: t.lang,
        obfuscated,
        category: t.category,
        group: t.id,
        source: 'template',
      });
      i++;
    }
  }
}

/** The templated corpus (deterministic). */
export function generateCorpus(seed = 'tartip-online-markets-corpus-v1'): CorpusRecord[] {
  const rng = createRng(seed);
  const out: CorpusRecord[] = [];
  generateSet(AD_TEMPLATES, 'drug_ad', 30, rng.fork('ad'), out);
  generateSet(RECRUIT_TEMPLATES, 'drug_recruitment', 26, rng.fork('rec'), out);
  generateSet(BENIGN_TEMPLATES, 'benign', 28, rng.fork('benign'), out);
  generateSet(IMPLICIT_AD_TEMPLATES, 'drug_ad', 24, rng.fork('ad3'), out);
  generateSet(IMPLICIT_RECRUIT_TEMPLATES, 'drug_recruitment', 24, rng.fork('rec3'), out);
  generateSet(HARD_NEGATIVE_TEMPLATES, 'benign', 26, rng.fork('benign3'), out);
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../data/online-markets/corpus');
  const records = generateCorpus();
  fs.writeFileSync(path.join(dir, 'generated.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.label] = (counts[r.label] ?? 0) + 1;
  process.stdout.write(`generated.jsonl: ${records.length} records ${JSON.stringify(counts)}\n`);
  const cases = generateIndicatorCases(createRng('tartip-online-markets-indicators-v1'));
  const hand = fs.readFileSync(path.join(dir, 'indicators-handwritten.jsonl'), 'utf8').trim();
  fs.writeFileSync(path.join(dir, 'indicators.jsonl'), `${cases.map((c) => JSON.stringify(c)).join('\n')}\n${hand}\n`);
  process.stdout.write(`indicators.jsonl: ${cases.length} generated + ${hand.split('\n').length} hand-written cases\n`);
}
