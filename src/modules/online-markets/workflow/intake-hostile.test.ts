import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildUser, login, type Session } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-platform.ts';

// Hostile uploads: each bad line gets a clear error with its line number, the rest is kept.
let t: TestApp;
let analyst: Session;
const URL_FILE = '/api/online-markets/intake/file';
before(async () => {
  t = await createTestApp();
  analyst = await login(t.app, await buildUser(t.platform, { role: 'om_analyst', organisationCode: 'MIA' }));
});
after(() => t.close());

type Item = { line: number; outcome: string; error: string | null };
const count = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('om_submissions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('binary bytes and invalid UTF-8 are refused per line; the good lines around them are stored', async () => {
  const start = await count();
  const body = Buffer.concat([
    Buffer.from('https://synth-hostile-one.kz/\n'),
    Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a]), // line 2: binary
    Buffer.from('Закладки '),
    Buffer.from([0xc3, 0x28]), // line 3: an invalid UTF-8 sequence
    Buffer.from(' мефедрон\n@synth_hostile_two\n'),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: URL_FILE,
    headers: { ...analyst.headers, 'content-type': 'text/plain' },
    payload: body,
  });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as Item[];
  assert.deepEqual(
    items.map((i) => [i.line, i.outcome]),
    [
      [1, 'new'],
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'new'],
    ],
  );
  assert.match(items[1]!.error ?? '', /binary|UTF-8/);
  assert.match(items[2]!.error ?? '', /binary|UTF-8/);
  assert.equal(await count(), start + 2, 'the two good lines, nothing else');
});

test('a huge item is refused with its limit while the batch goes on; an oversized body is 413 and writes nothing', async () => {
  const start = await count();
  const huge = `Мефедрон ${'очень длинный текст '.repeat(2000)}`;
  const content = [
    JSON.stringify({ id: 'h1', text: huge }),
    JSON.stringify({ id: 'h2', text: 'Работа кладменом, ЗП каждый день, пиши @synth_hostile_job' }),
  ].join('\n');
  const res = await t.app.inject({ method: 'POST', url: URL_FILE, headers: analyst.headers, payload: { format: 'jsonl', content } });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as Item[];
  assert.deepEqual(
    items.map((i) => [i.line, i.outcome]),
    [
      [1, 'rejected'],
      [2, 'new'],
    ],
  );
  assert.match(items[0]!.error ?? '', /longer than|<=20000 characters/);
  const afterBatch = await count();
  assert.ok(afterBatch > start);
  const tooBig = await t.app.inject({
    method: 'POST',
    url: URL_FILE,
    headers: { ...analyst.headers, 'content-type': 'text/plain' },
    payload: 'x'.repeat(7_000_000),
  });
  assert.equal(tooBig.statusCode, 413);
  assert.equal(tooBig.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(await count(), afterBatch);
});
