import type { Rng } from '../../../kernel/synthetic/index.ts';
import * as v from './synthetic-values.ts';

/**
 * The annotated indicator set: texts with synthetic values written the ways shops write them, and
 * the canonical indicators expected (computed from the values, not by the extractor), including
 * look-alikes that must yield nothing (Luhn-invalid cards, broken wallet checksums, prices, dates).
 */

export type IndicatorCase = { id: string; text: string; expected: { type: string; value: string }[] };

const breakChar = (s: string, rng: Rng): string => {
  const i = rng.int(Math.floor(s.length / 2), s.length - 2);
  const c = s[i]!;
  const alt = c === 'x' ? 'y' : c === '9' ? '8' : c === 'A' ? 'B' : c === 'a' ? 'b' : c === 'q' ? 'p' : 'x';
  return s.slice(0, i) + (/[0-9a-fA-F]/.test(c) && s.startsWith('0x') ? (c === 'f' ? 'e' : 'f') : alt) + s.slice(i + 1);
};

export function generateIndicatorCases(rng: Rng): IndicatorCase[] {
  const cases: IndicatorCase[] = [];
  const add = (text: string, expected: IndicatorCase['expected']) =>
    cases.push({ id: `ind-${String(cases.length + 1).padStart(3, '0')}`, text, expected });
  for (let i = 0; i < 12; i++) {
    const h = v.handle(rng, rng.bool() ? 'drug' : 'benign', rng.bool(0.3));
    const form = rng.pick([
      `@${h}`,
      `t.me/${h}`,
      `https://t.me/${h}`,
      `t . me / ${h}`,
      `t(.)me/${h}`,
      `telegram.me/${h}`,
      `тг: ${h.toLowerCase().includes('_') ? h : `${h}_24`}`,
    ]);
    const value = form.startsWith('тг: ') ? form.slice(4).toLowerCase() : h.toLowerCase();
    add(rng.pick([`Пиши ${form} 24/7`, `Заказ: ${form}`, `Contact ${form} for details`, `${form} — оператор`]), [
      { type: 'telegram', value },
    ]);
  }
  for (let i = 0; i < 4; i++) {
    const inv = v.invite(rng);
    const joinchat = rng.bool();
    add(`Канал: ${joinchat ? `t.me/joinchat/${inv}` : `https://t.me/+${inv}`}`, [{ type: 'telegram', value: `+${inv}` }]);
  }
  for (let i = 0; i < 14; i++) {
    const p = v.phone(rng);
    add(rng.pick([`Звоните ${p.written}`, `тел: ${p.written}, WhatsApp`, `Каспи перевод на ${p.written}`, `${p.written} (Алия)`]), [
      { type: 'phone', value: p.e164 },
    ]);
  }
  for (let i = 0; i < 10; i++) {
    const c = v.card(rng);
    add(rng.pick([`Оплата на карту ${c.written}`, `карта: ${c.written}, скрин в лс`, `Pay to card ${c.written}`]), [
      { type: 'card', value: c.digits },
    ]);
  }
  for (let i = 0; i < 5; i++) {
    const c = v.card(rng);
    const bad = c.digits.slice(0, -1) + String((Number(c.digits.slice(-1)) + rng.int(1, 9)) % 10);
    add(`Оплата на карту ${bad}`, []);
  }
  for (let i = 0; i < 6; i++) {
    const w = rng.pick([v.btc, v.tron, v.eth])(rng);
    add(rng.pick([`BTC: ${w}`, `USDT TRC20 ${w}`, `Кошелёк ${w} после оплаты пиши`, `wallet ${w}`]), [{ type: 'crypto', value: w }]);
  }
  for (let i = 0; i < 6; i++) {
    const w = rng.pick([v.btc, v.tron, v.eth])(rng);
    const bad = w.startsWith('0x')
      ? `0x${w.slice(2).toLowerCase() === w.slice(2) ? breakChar(w, rng).slice(2) : (w.slice(2, -1) + (w.endsWith('a') ? 'A' : 'a')).slice(0, 40)}`
      : breakChar(w, rng);
    if (bad.startsWith('0x') && /^0x[0-9a-f]{40}$/.test(bad)) continue; // an all-lower-case address has no checksum
    add(`Кошелёк ${bad}`, []);
  }
  for (let i = 0; i < 12; i++) {
    const d = v.domain(rng, rng.bool() ? 'drug' : 'benign');
    const path = rng.pick(['', '/catalog', '/shop?city=alm', '/ru/']);
    const kind = rng.int(0, 3);
    if (kind === 0)
      add(`Сайт: https://${d.host}${path || '/'}`, [
        { type: 'url', value: new URL(`https://${d.host}${path || '/'}`).href },
        { type: 'domain', value: d.registrable },
      ]);
    else if (kind === 1) add(`Зеркало ${d.host.replace(/\.([a-z]+)$/, '[.]$1')}`, [{ type: 'domain', value: d.registrable }]);
    else if (kind === 2) add(`Заходи на ${d.host.toUpperCase()}`, [{ type: 'domain', value: d.registrable }]);
    else
      add(`Вход: ${d.host}${path || '/x'} через VPN`, [
        { type: 'url', value: new URL(`http://${d.host}${path || '/x'}`).href },
        { type: 'domain', value: d.registrable },
      ]);
  }
  for (let i = 0; i < 6; i++) {
    const user = `${rng.pick(['shop', 'info', 'zakaz', 'hr', 'admin', 'alm'])}${rng.int(1, 99)}`;
    const host = rng.pick(['mail.ru', 'gmail.com', 'inbox.ru', 'yandex.kz', 'proton.me']);
    const form = rng.pick([
      `${user}@${host}`,
      `${user} собака ${host}`,
      `${user}[at]${host}`,
      `${user.toUpperCase()}@${host.toUpperCase()}`,
    ]);
    add(`Почта: ${form}`, [{ type: 'email', value: `${user}@${host}` }]);
  }
  for (let i = 0; i < 8; i++) {
    const h = v.handle(rng, 'drug', true);
    const p = v.phone(rng);
    const c = v.card(rng);
    const d = v.domain(rng);
    const w = v.tron(rng);
    add(`Меф 1г 15000тг. Бот @${h}, тел ${p.written}. Оплата ${c.written} или USDT ${w}. Зеркало ${d.host}`, [
      { type: 'telegram', value: h.toLowerCase() },
      { type: 'phone', value: p.e164 },
      { type: 'card', value: c.digits },
      { type: 'crypto', value: w },
      { type: 'domain', value: d.registrable },
    ]);
  }
  const negatives = [
    'Цена 2 000 000 тг, 1.5кг, 03.07.2019, скидка 15%',
    'Файлы photo.jpg и report.docx, версия 2.0.1',
    'Заказ №123456789, трек 4000 шт., ИИН не указываем',
    'Приходите 12.03 в 18:00, каб. 305',
    'Сдача 1 000 тг, итого 12 500 тг',
    'Температура -25, ветер 12 м/с, давление 760',
  ];
  for (const t of negatives) add(t, []);
  return cases;
}
