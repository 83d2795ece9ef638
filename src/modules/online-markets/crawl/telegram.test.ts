import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseTelegramPreview, telegramPreviewUrl } from './telegram.ts';

// A synthetic channel written after the markup of Telegram's public preview pages (no real channel).
const FIXTURE = readFileSync(new URL('./fixtures/telegram-preview.html', import.meta.url), 'utf8');

test('preview URL of a handle', () => {
  assert.equal(telegramPreviewUrl('synth_bars_kz'), 'https://t.me/s/synth_bars_kz');
  assert.equal(telegramPreviewUrl('@synth_bars_kz'), 'https://t.me/s/synth_bars_kz');
  assert.equal(telegramPreviewUrl('a/../b'), 'https://t.me/s/a%2F..%2Fb');
});

test('reads the channel title, description, numeric id and posts of a preview page', () => {
  const p = parseTelegramPreview('@Synth_Bars_KZ', FIXTURE);
  assert.equal(p.handle, 'synth_bars_kz');
  assert.equal(p.telegramId, '1987654321');
  assert.equal(p.title, 'Снежный Барс KZ ❄️');
  assert.match(p.description ?? '', /Кристаллы и шишки по всему Казахстану 24\/7/);
  assert.match(p.description ?? '', /synth_bars_bot/);
  assert.match(p.description ?? '', /& сайт synth-bars\.example/);
  assert.deepEqual(
    p.posts.map((x) => x.id),
    ['1041', '1042', '1043'],
  );
  const [first, second, photo] = p.posts;
  assert.match(first!.text, /Мефедрон VHQ, альфа-PVP/);
  assert.equal(first!.date, '2025-05-02T18:04:11.000Z');
  assert.deepEqual(first!.links, ['https://t.me/synth_bars_bot']);
  assert.match(second!.text, /Жұмыс бар/);
  assert.deepEqual(second!.links, ['https://t.me/synth_bars_hr', 'https://synth-bars-mirror.example/shop?ref=tg']);
  assert.equal(photo!.text, '', 'a photo post has no text');
  assert.equal(photo!.date, '2025-05-03T12:00:00.000Z');
});

test('the id also comes from data-view when data-peer is absent; junk pages give an empty preview', () => {
  const noPeer = FIXTURE.replace(/data-peer="[^"]*"/g, '');
  assert.equal(parseTelegramPreview('synth_bars_kz', noPeer).telegramId, '1987654321');
  const none = parseTelegramPreview('synth_empty', '<html><body>\u0000\uFFFD<div class="tgme_widget_message_text"');
  assert.deepEqual(none, { handle: 'synth_empty', telegramId: null, title: null, description: null, posts: [] });
  const og = parseTelegramPreview(
    'synth_og',
    '<meta property="og:title" content="Synth &amp; Co"><meta property="og:description" content="desc">',
  );
  assert.equal(og.title, 'Synth & Co');
  assert.equal(og.description, 'desc');
  // a huge page of unclosed message blocks is cut, not choked on
  const bomb = parseTelegramPreview('synth_bomb', '<div class="tgme_widget_message" data-post="synth_bomb/1">'.repeat(50_000));
  assert.equal(bomb.posts.length, 100);
});
