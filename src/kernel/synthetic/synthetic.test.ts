import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SYNTHETIC_MARK,
  SYNTHETIC_PHONE_PATTERN,
  SYNTHETIC_REGION_CODES,
  ageOn,
  createRng,
  feminineSurname,
  isSyntheticPhone,
  regionLocalities,
  regionRussianShare,
  russianPatronymic,
  syntheticAddress,
  syntheticEmail,
  syntheticPerson,
  syntheticPhone,
  syntheticVillageName,
  transliterate,
  type Rng,
} from './index.ts';
import { KAZAKH_FEMALE_NAMES, KAZAKH_MALE_NAMES, KAZAKH_SURNAMES } from './names-kazakh.data.ts';
import { RESERVED_FULL_NAMES, RUSSIAN_FEMALE_NAMES, RUSSIAN_MALE_NAMES, RUSSIAN_SURNAMES } from './names-russian.data.ts';

// The 20 codes of the reference list (17 regions + Astana, Almaty, Shymkent).
const EXPECTED_CODES = [
  'KZ-10',
  'KZ-11',
  'KZ-15',
  'KZ-19',
  'KZ-23',
  'KZ-27',
  'KZ-31',
  'KZ-33',
  'KZ-35',
  'KZ-39',
  'KZ-43',
  'KZ-47',
  'KZ-55',
  'KZ-59',
  'KZ-61',
  'KZ-62',
  'KZ-63',
  'KZ-71',
  'KZ-75',
  'KZ-79',
];

const REPUBLIC_CITIES = ['KZ-71', 'KZ-75', 'KZ-79'];

function draws(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.next());
}

describe('createRng', () => {
  it('repeats the same sequence for the same seed, also across fresh generators', () => {
    assert.deepEqual(draws(createRng('demo'), 1000), draws(createRng('demo'), 1000));
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 200; i++) assert.equal(a.int(-50, 50), b.int(-50, 50));
    assert.deepEqual(draws(createRng(42), 10), draws(createRng('42'), 10));
  });

  it('is pinned to sfc32 + cyrb128 so output stays identical on every machine', () => {
    const rng = createRng('tartip');
    assert.deepEqual(draws(rng, 3), [0.2174957157112658, 0.13705831696279347, 0.38765802327543497]);
    assert.equal(createRng('tartip').int(0, 1_000_000_000), 217495715);
    assert.equal(createRng('tartip').fork('x').next(), 0.39655000250786543);
  });

  it('gives different sequences for different seeds', () => {
    assert.notDeepEqual(draws(createRng('a'), 20), draws(createRng('b'), 20));
    assert.notDeepEqual(draws(createRng(1), 20), draws(createRng(2), 20));
    assert.notDeepEqual(draws(createRng(''), 20), draws(createRng(' '), 20));
  });

  it('forks streams that are independent of the parent and of each other', () => {
    const parent = createRng('root');
    const forkBefore = draws(parent.fork('persons'), 50);
    const parentDraws = draws(parent, 100);
    // The fork depends on seed and label only, not on how far the parent has advanced.
    assert.deepEqual(draws(parent.fork('persons'), 50), forkBefore);
    // Drawing from a fork leaves the parent untouched.
    const p1 = createRng('root');
    draws(p1.fork('persons'), 500);
    assert.deepEqual(draws(p1, 100), parentDraws);
    assert.notDeepEqual(forkBefore, parentDraws.slice(0, 50));
    assert.notDeepEqual(draws(parent.fork('addresses'), 50), forkBefore);
    assert.notDeepEqual(draws(createRng('other').fork('persons'), 50), forkBefore);
    assert.notDeepEqual(draws(parent.fork('a/b'), 20), draws(parent.fork('a').fork('b'), 20));
  });

  it('keeps next, int and pick within bounds over many draws and covers the range', () => {
    const rng = createRng('bounds');
    const seenInts = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1, `next() out of range: ${x}`);
      const n = rng.int(-3, 7);
      assert.ok(Number.isInteger(n) && n >= -3 && n <= 7, `int out of range: ${n}`);
      seenInts.add(n);
    }
    assert.equal(seenInts.size, 11);
    assert.equal(rng.int(5, 5), 5);
    const wide = rng.int(0, Number.MAX_SAFE_INTEGER);
    assert.ok(Number.isSafeInteger(wide) && wide >= 0);
    const items = ['a', 'b', 'c', 'd', 'e'] as const;
    const seenItems = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const item = rng.pick(items);
      assert.ok(items.includes(item));
      seenItems.add(item);
    }
    assert.equal(seenItems.size, items.length);
  });

  it('rejects invalid arguments with clear errors', () => {
    const rng = createRng('errors');
    assert.throws(() => rng.int(3, 2), /greater than max/);
    assert.throws(() => rng.int(0.5, 2), /safe integers/);
    assert.throws(() => rng.pick([]), /empty list/);
    assert.throws(() => rng.weighted([['a', -1]]), /non-negative/);
    assert.throws(() => rng.weighted([['a', 0]]), /positive weight/);
    assert.throws(() => rng.bool(1.5), /probability/);
    assert.throws(() => createRng(Number.NaN), /finite/);
  });

  it('respects weights in weighted() (chi-square on 10k draws)', () => {
    const rng = createRng('weights');
    const weights = [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['never', 0],
    ] as const;
    const counts = new Map<string, number>();
    const total = 10_000;
    for (let i = 0; i < total; i++) {
      const item = rng.weighted(weights);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    assert.equal(counts.get('never'), undefined);
    let chiSquare = 0;
    for (const [item, weight] of weights) {
      if (weight === 0) continue;
      const expected = (total * weight) / 10;
      const observed = counts.get(item) ?? 0;
      chiSquare += (observed - expected) ** 2 / expected;
    }
    // 3 degrees of freedom: 16.27 is the 0.1% critical value.
    assert.ok(chiSquare < 16.27, `chi-square too large: ${chiSquare}`);
  });

  it('bool(p) hits roughly p', () => {
    const rng = createRng('bool');
    let trues = 0;
    for (let i = 0; i < 10_000; i++) if (rng.bool(0.3)) trues++;
    assert.ok(Math.abs(trues / 10_000 - 0.3) < 0.02, `bool(0.3) rate ${trues / 10_000}`);
    assert.equal(rng.bool(0), false);
    assert.equal(rng.bool(1), true);
  });
});

describe('name data', () => {
  it('has at least 60 first names per gender per style and 80 surname stems', () => {
    for (const list of [KAZAKH_MALE_NAMES, KAZAKH_FEMALE_NAMES, RUSSIAN_MALE_NAMES, RUSSIAN_FEMALE_NAMES]) {
      const names = list.map(([name]) => name);
      assert.ok(names.length >= 60, `only ${names.length} names`);
      assert.equal(new Set(names).size, names.length, 'duplicate first name');
    }
    const stems = new Set([...KAZAKH_SURNAMES.map(([s]) => s), ...RUSSIAN_SURNAMES.map(([s]) => s)]);
    assert.ok(stems.size >= 80, `only ${stems.size} surname stems`);
    assert.equal(stems.size, KAZAKH_SURNAMES.length + RUSSIAN_SURNAMES.length, 'duplicate surname');
  });

  it('uses Kazakh letters in Kazakh names', () => {
    const text = [...KAZAKH_MALE_NAMES, ...KAZAKH_FEMALE_NAMES].map(([n]) => n).join('');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']) {
      assert.ok(text.toLowerCase().includes(letter), letter);
    }
  });

  it('leaves out surnames of well-known public figures', () => {
    const banned = [
      'Назарбаев',
      'Токаев',
      'Тоқаев',
      'Кунаев',
      'Қонаев',
      'Путин',
      'Медведев',
      'Пушкин',
      'Толстой',
      'Гагарин',
      'Сәтбаев',
      'Сатпаев',
      'Әуезов',
      'Құнанбаев',
    ];
    const all = [...KAZAKH_SURNAMES.map(([s]) => s), ...RUSSIAN_SURNAMES.map(([s]) => s)];
    for (const name of banned) assert.ok(!all.includes(name), name);
  });
});

describe('syntheticPerson', () => {
  it('is deterministic per seed', () => {
    const make = (seed: string) => {
      const rng = createRng(seed);
      return Array.from({ length: 200 }, () => syntheticPerson(rng));
    };
    assert.deepEqual(make('p'), make('p'));
    assert.notDeepEqual(make('p'), make('q'));
  });

  it('gives Russian-style women female surnames and patronymics, and men male ones', () => {
    const rng = createRng('russian-forms');
    for (let i = 0; i < 3000; i++) {
      const woman = syntheticPerson(rng, { gender: 'female', style: 'russian' });
      assert.match(woman.lastName, /(ова|ева|ёва|ина|ская|цкая|енко)$/);
      if (woman.patronymic !== null) assert.match(woman.patronymic, /(овна|евна|ична)$/);
      const man = syntheticPerson(rng, { gender: 'male', style: 'russian' });
      assert.match(man.lastName, /(ов|ев|ёв|ин|ский|цкий|енко)$/);
      if (man.patronymic !== null) assert.match(man.patronymic, /(ович|евич|ич)$/);
      assert.equal(woman.ethnicityStyle, 'russian');
    }
  });

  it('matches the Kazakh-style patronymic suffix to the gender and uses both forms', () => {
    const rng = createRng('kazakh-forms');
    const forms = new Set<string>();
    let nulls = 0;
    for (let i = 0; i < 4000; i++) {
      const gender = i % 2 === 0 ? 'male' : 'female';
      const person = syntheticPerson(rng, { gender, style: 'kazakh' });
      assert.equal(person.gender, gender);
      if (person.patronymic === null) {
        nulls++;
        continue;
      }
      if (gender === 'male') assert.match(person.patronymic, /(ұлы|ович|евич)$/);
      else assert.match(person.patronymic, /(қызы|овна|евна)$/);
      forms.add(/(ұлы|қызы)$/.test(person.patronymic) ? 'kazakh' : 'russian-form');
    }
    assert.deepEqual([...forms].sort(), ['kazakh', 'russian-form']);
    assert.ok(nulls > 0 && nulls < 400, `null patronymics: ${nulls}`);
  });

  it('builds Russian-form patronymics and feminine surnames correctly', () => {
    const cases: [string, string, string][] = [
      ['Иван', 'Иванович', 'Ивановна'],
      ['Сергей', 'Сергеевич', 'Сергеевна'],
      ['Николай', 'Николаевич', 'Николаевна'],
      ['Юрий', 'Юрьевич', 'Юрьевна'],
      ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
      ['Игорь', 'Игоревич', 'Игоревна'],
      ['Павел', 'Павлович', 'Павловна'],
      ['Илья', 'Ильич', 'Ильинична'],
      ['Михаил', 'Михайлович', 'Михайловна'],
      ['Нұрлан', 'Нұрланович', 'Нұрлановна'],
      ['Серікбай', 'Серікбаевич', 'Серікбаевна'],
      ['Ғали', 'Ғалиевич', 'Ғалиевна'],
      ['Қуаныш', 'Қуанышевич', 'Қуанышевна'],
      ['Жұма', 'Жұмаевич', 'Жұмаевна'],
    ];
    for (const [father, male, female] of cases) {
      assert.equal(russianPatronymic(father, 'male'), male);
      assert.equal(russianPatronymic(father, 'female'), female);
    }
    assert.equal(feminineSurname('Иванов'), 'Иванова');
    assert.equal(feminineSurname('Серікбаев'), 'Серікбаева');
    assert.equal(feminineSurname('Ильин'), 'Ильина');
    assert.equal(feminineSurname('Левицкий'), 'Левицкая');
    assert.equal(feminineSurname('Ковальский'), 'Ковальская');
    assert.equal(feminineSurname('Коваленко'), 'Коваленко');
  });

  it('keeps birthDate within [minAge, maxAge] of asOf, leap days included', () => {
    const rng = createRng('ages');
    const cases = [
      { minAge: 18, maxAge: 18, asOf: '2024-02-29' },
      { minAge: 0, maxAge: 1, asOf: '2023-02-28' },
      { minAge: 14, maxAge: 17, asOf: '2025-06-15' },
      { minAge: 60, maxAge: 90, asOf: '2026-12-31' },
    ];
    for (const opts of cases) {
      const seen = new Set<number>();
      for (let i = 0; i < 2000; i++) {
        const { birthDate } = syntheticPerson(rng, opts);
        assert.match(birthDate, /^\d{4}-\d{2}-\d{2}$/);
        const age = ageOn(birthDate, opts.asOf);
        assert.ok(age >= opts.minAge && age <= opts.maxAge, `${birthDate} is ${age} on ${opts.asOf}`);
        seen.add(age);
      }
      assert.equal(seen.size, opts.maxAge - opts.minAge + 1, 'every allowed age appears');
    }
    // Default: ages 18–75 on the fixed date 2026-01-01, never the clock.
    for (let i = 0; i < 500; i++) {
      const age = ageOn(syntheticPerson(rng).birthDate, '2026-01-01');
      assert.ok(age >= 18 && age <= 75);
    }
    assert.throws(() => syntheticPerson(rng, { minAge: 30, maxAge: 20 }), /greater than maxAge/);
    assert.throws(() => syntheticPerson(rng, { asOf: '2026-02-30' }), /calendar date/);
  });

  it('mixes about 30% Russian style by default, more in the north, less in the south', () => {
    const share = (opts: { regionCode?: string }) => {
      const rng = createRng(`mix:${opts.regionCode ?? 'default'}`);
      let russian = 0;
      for (let i = 0; i < 10_000; i++) if (syntheticPerson(rng, opts).ethnicityStyle === 'russian') russian++;
      return russian / 10_000;
    };
    assert.ok(Math.abs(share({}) - 0.3) < 0.02);
    assert.ok(share({ regionCode: 'KZ-59' }) > 0.4);
    assert.ok(share({ regionCode: 'KZ-61' }) < 0.05);
    assert.ok(regionRussianShare('KZ-39') > regionRussianShare('KZ-43'));
    assert.throws(() => syntheticPerson(createRng(1), { regionCode: 'KZ-99' }), /Unknown region code "KZ-99"/);
  });

  it('writes latinName with ASCII letters, spaces and hyphens only', () => {
    const rng = createRng('latin');
    for (let i = 0; i < 20_000; i++) {
      const person = syntheticPerson(rng);
      assert.match(person.latinName, /^[A-Za-z][A-Za-z -]*$/, person.displayName);
      assert.ok(person.displayName.startsWith(`${person.lastName} ${person.firstName}`));
    }
    assert.equal(transliterate('Нұрланова Әйгерім'), 'Nurlanova Aigerim');
    assert.equal(transliterate('Щербакова Юлия'), 'Shcherbakova Yuliya');
    assert.equal(transliterate('Қожахметов Шыңғыс'), 'Kozhakhmetov Shyngys');
  });

  it('never produces the reserved full names of well-known people', () => {
    const rng = createRng('reserved');
    for (let i = 0; i < 50_000; i++) {
      const person = syntheticPerson(rng, { gender: 'male', style: 'russian' });
      assert.ok(!RESERVED_FULL_NAMES.has(person.displayName), person.displayName);
    }
  });

  it('generates 100k persons', () => {
    const rng = createRng('bulk');
    const names = new Set<string>();
    for (let i = 0; i < 100_000; i++) names.add(syntheticPerson(rng).displayName);
    assert.ok(names.size > 50_000, `only ${names.size} distinct names`);
  });
});

describe('addresses', () => {
  it('covers exactly the 20 reference region codes', () => {
    assert.deepEqual([...SYNTHETIC_REGION_CODES], EXPECTED_CODES);
  });

  it('keeps every address in its region and in a listed locality', () => {
    const rng = createRng('addresses');
    for (const code of EXPECTED_CODES) {
      const localities = regionLocalities(code);
      assert.ok(localities.length >= 1);
      assert.equal(localities[0]?.kind, 'city');
      const names = new Set(localities.map((l) => l.name));
      const seen = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const address = syntheticAddress(rng, code);
        assert.equal(address.regionCode, code);
        assert.ok(names.has(address.locality), `${address.locality} not in ${code}`);
        assert.match(address.postalCode, /^\d{6}$/);
        assert.ok(address.text.includes(address.locality) && address.text.includes(address.street));
        assert.ok(address.text.includes(`д. ${address.house}`));
        if (address.apartment !== null) assert.ok(address.text.endsWith(`кв. ${address.apartment}`));
        const locality = localities.find((l) => l.name === address.locality);
        if (REPUBLIC_CITIES.includes(code)) assert.match(address.district ?? '', /(^район |район$)/);
        else assert.equal(address.district, locality?.district);
        seen.add(address.locality);
      }
      assert.ok(seen.size >= Math.min(3, localities.length), `${code}: only ${seen.size} localities used`);
    }
  });

  it('starts an admin-centre address with the city, as in "г. Караганда, ул. Абая, д. 12, кв. 5"', () => {
    const rng = createRng('karaganda');
    let found = false;
    for (let i = 0; i < 200 && !found; i++) {
      const address = syntheticAddress(rng, 'KZ-35');
      if (address.locality === 'Караганда') {
        assert.match(address.text, /^г\. Караганда, (ул\.|пр\.|пер\.|мкр\.) [^,]+, д\. [^,]+(, кв\. \d+)?$/);
        found = true;
      }
    }
    assert.ok(found);
  });

  it('makes village names in real districts of the region', () => {
    const rng = createRng('villages');
    const listed = new Set(EXPECTED_CODES.flatMap((code) => regionLocalities(code).map((l) => l.name)));
    for (const code of EXPECTED_CODES.filter((c) => !REPUBLIC_CITIES.includes(c))) {
      const districts = new Set(regionLocalities(code).flatMap((l) => (l.district ? [l.district] : [])));
      for (let i = 0; i < 50; i++) {
        const village = syntheticVillageName(rng, code);
        assert.ok(districts.has(village.district), `${village.district} not in ${code}`);
        assert.match(village.name, /^[А-ЯЁ][а-яё]+( [А-ЯЁ][а-яё]+)?$/);
        assert.ok(!listed.has(village.name), village.name);
      }
    }
  });

  it('throws a clear Error for an unknown region code', () => {
    const rng = createRng('unknown');
    assert.throws(() => syntheticAddress(rng, 'KZ-99'), /Unknown region code "KZ-99"; expected one of KZ-10/);
    assert.throws(() => regionLocalities('Almaty'), /Unknown region code "Almaty"/);
    assert.throws(() => syntheticVillageName(rng, ''), /Unknown region code ""/);
  });
});

describe('contacts', () => {
  it('makes E.164 phones from the documented fictional block', () => {
    const rng = createRng('phones');
    const distinct = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const phone = syntheticPhone(rng);
      assert.match(phone, /^\+[1-9]\d{1,14}$/); // E.164
      assert.match(phone, SYNTHETIC_PHONE_PATTERN);
      assert.match(phone, /^\+77990\d{6}$/); // the block documented in contact.ts
      assert.ok(isSyntheticPhone(phone));
      distinct.add(phone);
    }
    assert.ok(distinct.size > 9_900);
    assert.equal(isSyntheticPhone('+77011234567'), false);
  });

  it('makes ASCII e-mails from the person on example.kz or a given domain', () => {
    const rng = createRng('emails');
    for (let i = 0; i < 2000; i++) {
      const person = syntheticPerson(rng);
      const email = syntheticEmail(rng, person);
      assert.match(email, /^[a-z][a-z0-9._]*@example\.kz$/);
      const last =
        person.latinName
          .split(' ')[0]
          ?.toLowerCase()
          .replace(/[^a-z]/g, '') ?? '';
      assert.ok(email.includes(last), `${email} lacks ${last}`);
    }
    const person = syntheticPerson(rng);
    assert.match(syntheticEmail(rng, person, 'Demo.Example'), /@demo\.example$/);
    assert.throws(() => syntheticEmail(rng, person, 'not a domain'), /not a valid domain/);
  });

  it('exports the synthetic marker', () => {
    assert.equal(SYNTHETIC_MARK, 'SYNTHETIC');
  });
});
