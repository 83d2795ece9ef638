import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { createTestPlatform, type TestPlatform } from '../../testing/test-platform.ts';

let p: TestPlatform;
const seen: string[] = [];
let failures = 0;

before(async () => {
  p = await createTestPlatform();
  p.jobs.define({
    name: 'test.echo',
    description: 'echo',
    schema: z.object({ text: z.string() }),
    handler: async (d) => void seen.push(d.text),
  });
  p.jobs.define({
    name: 'test.flaky',
    description: 'fails once, then succeeds',
    schema: z.object({}),
    retryLimit: 2,
    retryDelaySeconds: 1,
    handler: async () => {
      failures++;
      if (failures === 1) throw new Error('first attempt fails');
    },
  });
  p.jobs.define({
    name: 'test.broken',
    description: 'always fails',
    schema: z.object({}),
    retryLimit: 1,
    retryDelaySeconds: 1,
    handler: async () => Promise.reject(new Error('always')),
  });
  await p.jobs.start({ work: true, schedule: false });
});
after(() => p.close());

test('a job runs on the worker', async () => {
  const id = await p.jobs.send('test.echo', { text: 'hello' });
  assert.ok(id);
  const done = await p.jobs.waitFor('test.echo', id);
  assert.equal(done.state, 'completed');
  assert.deepEqual(seen, ['hello']);
});

test('a failing job is retried, and one that keeps failing ends failed', async () => {
  const id = await p.jobs.send('test.flaky', {});
  const done = await p.jobs.waitFor('test.flaky', id!, 30000);
  assert.equal(done.state, 'completed');
  assert.equal(done.retryCount, 1);
  const bad = await p.jobs.send('test.broken', {});
  const failed = await p.jobs.waitFor('test.broken', bad!, 30000);
  assert.equal(failed.state, 'failed');
});

test('an invalid payload is refused before it is queued', async () => {
  await assert.rejects(p.jobs.send('test.echo', { text: 42 }));
  await assert.rejects(p.jobs.send('test.unknown', {}), /Unknown job/);
});

test('a job sent inside a rolled-back transaction never exists', async () => {
  let jobId: string | null = null;
  await assert.rejects(
    p.db.transaction().execute(async (tx) => {
      jobId = await p.jobs.send('test.echo', { text: 'ghost' }, { tx });
      throw new Error('rollback');
    }),
  );
  assert.ok(jobId);
  const committed = await p.db.transaction().execute((tx) => p.jobs.send('test.echo', { text: 'real' }, { tx }));
  await p.jobs.waitFor('test.echo', committed!);
  assert.ok(seen.includes('real'));
  assert.ok(!seen.includes('ghost'));
});

test('status lists queues and recent jobs', async () => {
  const s = await p.jobs.status();
  const echo = s.queues.find((q) => q.name === 'test.echo');
  assert.ok(echo);
  assert.ok(echo.total >= 2);
  assert.ok(s.recent.some((j) => j.name === 'test.broken' && j.state === 'failed'));
});
