import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractionView } from './normalize.ts';
import { classifierView } from './normalize-words.ts';

function views(text: string) {
  const v = extractionView(text);
  const c = classifierView(v.text, v.tricks);
  return { extraction: v.text, tokens: c.tokens, emoji: c.emoji, tricks: v.tricks };
}

test('homoglyphs: Latin letters in a Cyrillic word and Cyrillic letters in a Latin handle', () => {
  const r = views('Зaклaдки в нaличии'); // Latin a
  assert.deepEqual(r.tokens.slice(0, 1), ['закладки']);
  assert.ok(r.tricks.has('homoglyphs'));
  const h = views('пиши @shор_bot'); // Cyrillic о and р
  assert.match(h.extraction, /@shop_bot/);
});

test('digits and symbols for letters, only in word context', () => {
  const r = views('з4кл4дки м3ф к0кс з@кл@дки');
  assert.deepEqual(r.tokens, ['закладки', 'меф', 'кокс', 'закладки']);
  assert.ok(r.tricks.has('leetspeak'));
  const plain = views('1г 500гр 2000тг iphone15 4-MMC');
  assert.deepEqual(plain.tokens, ['1г', '500гр', '2000тг', 'iphone15', '4', 'mmc']);
  assert.ok(!plain.tricks.has('leetspeak'));
});

test('spaced and dotted letters are joined', () => {
  assert.deepEqual(views('з а к л а д к и').tokens, ['закладки']);
  assert.deepEqual(views('з.а.к.л.а.д.к.и').tokens, ['закладки']);
  assert.deepEqual(views('м-е-ф').tokens, ['меф']);
  assert.ok(views('з_а_к_л_а_д_к_и').tricks.has('spacing'));
  // ordinary abbreviations stay apart
  assert.ok(!views('т.е. в т.ч. и в целом').tricks.has('spacing'));
});

test('invisible characters are removed and reported', () => {
  const r = views('за\u200Bклад\u2060ки ме\u00ADф');
  assert.deepEqual(r.tokens, ['закладки', 'меф']);
  assert.ok(r.tricks.has('invisible'));
  assert.ok(!views('👨\u200D👩\u200D👧 семья').tricks.has('invisible'));
});

test('emoji used as code become tokens', () => {
  const r = views('❄️❄️ 1г, 🍁 2г, 💊 и 🔮');
  assert.deepEqual(r.emoji, ['snow', 'snow', 'leaf', 'pill', 'crystal']);
  assert.ok(r.tokens.includes('emo_snow'));
});

test('Latin transliteration of slang maps back to Cyrillic', () => {
  const r = views('zakladki mef kupit boshki almaty');
  assert.deepEqual(r.tokens.slice(0, 4), ['закладки', 'меф', 'купит', 'бошки']);
  assert.ok(r.tricks.has('transliteration'));
  // English words are left alone
  assert.deepEqual(views('we met a man with a plan').tokens, ['we', 'met', 'a', 'man', 'with', 'a', 'plan']);
});

test('obfuscated links, handles and e-mails are restored in the extraction view', () => {
  assert.match(views('пиши t . me / mef_shop').extraction, /t\.me\/mef_shop/);
  assert.match(views('t(.)me/mef_shop').extraction, /t\.me\/mef_shop/);
  assert.match(views('сайт shop[.]kz').extraction, /shop\.kz/);
  assert.match(views('сайт shop (dot) kz').extraction, /shop\.kz/);
  assert.match(views('почта ivan собака mail.ru').extraction, /ivan@mail\.ru/);
  assert.match(views('write ivan (at) gmail.com').extraction, /ivan@gmail\.com/);
  assert.match(views('meet us at shop.kz').extraction, /us at shop/); // a plain "at" needs a mail provider after it
  assert.ok(views('shop[.]kz').tricks.has('link'));
});

test('Kazakh letters and ё/ъ/ь are folded for the classifier', () => {
  assert.deepEqual(views('Есірткі сатамыз, жеткізу').tokens, ['есиртки', 'сатамыз', 'жеткизу']);
  assert.deepEqual(views('Колёса').tokens, ['колеса']);
});

test('full-width forms are folded', () => {
  assert.match(views('ＭＥＦ ｔ.ｍｅ/abc_shop').extraction, /MEF t\.me\/abc_shop/);
});

test('a Greek letter with no Latin look-alike inside a Latin or Cyrillic word does not loop', () => {
  // used to recurse until the stack overflowed, so the document could not be scanned
  const r = views('aβb мефβ клад');
  assert.match(r.extraction, /aβb/);
  assert.ok(r.tokens.includes('клад'));
  // mapped Greek look-alikes still count as homoglyphs
  assert.ok(views('mεf').tricks.has('homoglyphs'));
});

test('invisible characters are dropped and flagged; emoji glue is dropped without a flag', () => {
  const inv = views('за\u200bкла\u00adдки');
  assert.equal(inv.extraction, 'закладки');
  assert.ok(inv.tricks.has('invisible'));
  const glue = views('❄\uFE0F снег');
  assert.equal(glue.extraction, '❄ снег');
  assert.ok(!glue.tricks.has('invisible'));
  assert.ok(views('ме\u200dф').tricks.has('invisible')); // a joiner between letters is a trick
});

test('the word view gives the same tokens the first time and from its caches', () => {
  const text = 'Кристаллы в наличии, з а к л а д к и, zakladki, m3f 2г 15к ❄️ @shop_bot';
  const first = views(text);
  const again = views(text);
  assert.deepEqual(again.tokens, first.tokens);
  assert.deepEqual([...again.tricks].sort(), [...first.tricks].sort());
});
