import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_STATUS } from '../errors.ts';
import { LOCALES, negotiateLocale, SERVER_CATALOGUES, translator } from './i18n.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

test('the three server catalogues have the same keys, none empty', () => {
  const en = keys(SERVER_CATALOGUES.en).sort();
  for (const l of LOCALES) {
    assert.deepEqual(keys(SERVER_CATALOGUES[l]).sort(), en, l);
    for (const k of en) assert.ok(translator(l)(k).trim().length > 0 && translator(l)(k) !== k, `${l}:${k}`);
  }
});

test('every error code has a title in kk, ru and en, and they differ by language', () => {
  for (const code of Object.keys(ERROR_STATUS)) {
    const titles = LOCALES.map((l) => translator(l)(`errors.${code}`));
    for (const t of titles) assert.notEqual(t, `errors.${code}`);
    assert.equal(new Set(titles).size, 3, code);
  }
});

test('Accept-Language negotiation picks the best supported language', () => {
  assert.equal(negotiateLocale('kk-KZ,ru;q=0.8'), 'kk');
  assert.equal(negotiateLocale('de-DE,en;q=0.5,ru;q=0.9'), 'ru');
  assert.equal(negotiateLocale('fr'), 'ru');
  assert.equal(negotiateLocale(undefined), 'ru');
});
