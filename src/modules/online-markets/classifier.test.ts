import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newFeatureBuffer } from './features.ts';
import { K, logits } from './model.ts';
import { createScanner, featurise } from './scan.ts';

const scanner = createScanner();
const scan = (text: string) => scanner.scan({ id: 't', text });

test('drug ads are flagged with reasons a reviewer can check', () => {
  const r = scan('Меф 1г 15000тг, закладки по Алматы, пиши @mef_alm_bot');
  assert.equal(r.label, 'drug_ad');
  assert.ok(r.score >= 0.9);
  assert.ok(r.reasons.some((x) => x.startsWith('substance mephedrone')));
  assert.ok(r.reasons.length <= 8);
  assert.equal(scan('Шишки и гашиш в наличии, клады Шымкент, оплата Kaspi, оператор @green_shym').label, 'drug_ad');
  assert.equal(scan('Top quality cocaine in Almaty, dead drops 24/7, DM @snow_almaty').label, 'drug_ad');
  assert.equal(scan('Лирика 300 без рецепта, доставка по Астане, пиши в тг').label, 'drug_ad');
});

test('obfuscated ads are still flagged', () => {
  for (const text of [
    'з4кл4дки м3ф 1г 15к пиши',
    'zakladki mef almaty 1g 15k pishi',
    'М.е.ф 1г, к.л.а.д.ы Алматы, t . me / m_shop_kz',
    'Кpиcтaллы, клaды в Acтaнe, oпepaтop @crystal_ast',
  ])
    assert.notEqual(scan(text).label, 'benign', text);
});

test('recruitment is told apart from ads', () => {
  assert.equal(scan('Требуются закладчики в Караганде, ЗП 300к в неделю, оплата в BTC, пиши @work_krg').label, 'drug_recruitment');
  assert.equal(
    scan('Сдай свою карту в аренду и получай 50 000 тг в неделю, ничего делать не нужно, пиши @card_rent').label,
    'drug_recruitment',
  );
});

test('hard negatives stay benign', () => {
  for (const text of [
    'В Алматы задержан закладчик, у него изъяли 30 свёртков с мефедроном. Возбуждено уголовное дело.',
    'Glovo ищет курьеров в Астане: гибкий график, выплаты каждую неделю.',
    'Аптека «Береке»: доставка лекарств, рецептурные препараты только по рецепту врача.',
    'Соль для ванн с эфирными маслами 500 г — 2500 тг, доставка по городу.',
    'Родители, подростков вербуют в закладчики через Telegram. Сленг: меф, соль, клад. Звоните 102.',
    'Торты на заказ, 1 кг — 8000 тг, пишите @tort_astana',
  ])
    assert.equal(scan(text).label, 'benign', text);
});

test('short direct offers, explicit recruitment and medicine abuse ads are flagged', () => {
  // phrasings written for this test, not taken from the corpus
  for (const text of [
    'Продам мефедрон, Тараз, пиши',
    'Гашиш есть, тайник у парка',
    'Есть прегабалин и трамал, рецепт не нужен, отправлю почтой',
    'Homegrown weed, 10g for 50k, drop in your district',
  ])
    assert.equal(scan(text).label, 'drug_ad', text);
  assert.equal(scan('Нужны люди раскладывать мефедрон по Кокшетау, 4000 за клад, выплаты каждый день').label, 'drug_recruitment');
  // Kazakh recruitment is caught, but ad vs recruitment is still shaky in Kazakh (this one reads as an ad)
  assert.notEqual(scan('Жұмыс бар: закладкаларды қала бойынша салу, әр нүкте 4000 теңге, күнде төлейміз').label, 'benign');
});

test('reports, quotations and look-alike goods stay benign', () => {
  for (const text of [
    'Суд приговорил оператора наркошопа к 10 годам: он платил курьерам по 4000 тенге за закладку',
    'Хрустальные бокалы, набор из шести, доставка по Алматы',
    'Приглашаем художников расписать стену библиотеки, гонорар по договору',
  ])
    assert.equal(scan(text).label, 'benign', text);
});

test('the score is a probability and agrees with the label', () => {
  for (const text of ['меф закладки', 'привет, как дела?', 'Требуются курьеры-закладчики']) {
    const r = scan(text);
    assert.ok(r.score >= 0 && r.score <= 1);
    assert.equal(r.label === 'benign', r.score < 0.5);
  }
});

test('scanning scores (cached per-token sums) equal the logits of the full feature buffer', () => {
  const w = scanner.model.w;
  const full = newFeatureBuffer();
  const fused = newFeatureBuffer();
  const texts = [
    'Меф 1г 15000тг, закладки по Алматы, пиши @mef_alm_bot',
    'з а к л а д к и ❄️❄️ m3ф 2023 г. shop . kz',
    'a b c d',
    'x',
    '',
    'Привет! Как дела? Пекарня «Колос», заказы в телеграм @kolos_bakery',
  ];
  // twice: the second pass uses the cached sums
  for (let pass = 0; pass < 2; pass++)
    for (const text of texts) {
      featurise(text, full);
      const want = logits(w, full, new Float64Array(K));
      const got = new Float64Array(K);
      featurise(text, fused, w, got);
      for (let c = 0; c < K; c++) assert.ok(Math.abs(want[c]! - got[c]!) < 1e-9, `${text}: class ${c}`);
    }
});
