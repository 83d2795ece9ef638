import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestPlatform, type TestPlatform } from '../../../testing/test-platform.ts';
import { FEED_DEBOUNCE_SECONDS, FEED_JOB, scheduleFeedRegeneration } from './feed.service.ts';
import { regenerateFeed } from './regenerate.ts';
import { approvedResource } from './testing.ts';

let p: TestPlatform;
before(async () => {
  p = await createTestPlatform();
});
after(() => p.close());

async function feedJobs(): Promise<{ state: string }[]> {
  const r = await sql<{ state: string }>`select state::text as state from pgboss.job where name = ${FEED_JOB}`.execute(p.db);
  return r.rows;
}

/** Waits until every queued feed job has finished (debounced ones start in the next 10 s slot). */
async function settle(timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await feedJobs();
    if (jobs.length > 0 && jobs.every((j) => ['completed', 'failed', 'cancelled'].includes(j.state))) return;
    if (Date.now() > until) throw new Error(`feed jobs did not finish: ${JSON.stringify(jobs)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('without a job queue (a CLI process) scheduling is a no-op, not an error', async () => {
  await p.db.transaction().execute((tx) => scheduleFeedRegeneration(p, tx));
});

test('five decisions in a row make one debounced version, within seconds; nothing is sent for a rollback', async () => {
  await p.jobs.start({ work: true, schedule: false });
  await assert.rejects(
    p.db.transaction().execute(async (tx) => {
      await scheduleFeedRegeneration(p, tx);
      throw new Error('decision rolled back');
    }),
  );
  assert.equal((await feedJobs()).length, 0, 'a rolled-back decision sends no job');

  // pg-boss keeps one job per debounce slot and puts later sends in the next slot, so the number of jobs
  // is bounded by the slots the five decisions spanned (one on a fast machine, two or three on a slow one)
  const slot = async () =>
    Number(
      (await sql<{ s: number }>`select floor(extract(epoch from now()) / ${FEED_DEBOUNCE_SECONDS})::float8 as s`.execute(p.db)).rows[0]!.s,
    );
  const firstSlot = await slot();
  for (let i = 1; i <= 5; i++) {
    const id = await approvedResource(p, 'domain', `mirror-${i}.kz`, { number: `D-${i}` });
    await p.db.transaction().execute(async (tx) => {
      await tx.updateTable('om_resources').set({ status: 'approved' }).where('id', '=', id).execute();
      await scheduleFeedRegeneration(p, tx);
    });
  }
  const slotsSpanned = (await slot()) - firstSlot + 1;
  await settle();
  const jobs = await feedJobs();
  assert.ok(
    jobs.length >= 1 && jobs.length <= slotsSpanned + 1,
    `five decisions over ${slotsSpanned} slot(s) are debounced into at most ${slotsSpanned + 1} jobs, got ${jobs.length}`,
  );
  assert.ok(
    jobs.every((j) => j.state === 'completed'),
    JSON.stringify(jobs),
  );
  // a job that ran while decisions were still coming wrote an earlier version; the last one has all five
  const versions = await p.db.selectFrom('om_feed_versions').select(['version', 'entry_count']).orderBy('version').execute();
  assert.ok(versions.length >= 1 && versions.length <= jobs.length, JSON.stringify(versions));
  assert.deepEqual(
    versions.map((v) => v.version),
    versions.map((_, i) => i + 1),
  );
  assert.equal(versions.at(-1)!.entry_count, 5);
  if (slotsSpanned === 1 && jobs.length === 1) assert.equal(versions.length, 1, 'one slot, one job, one version');
  // within a minute: no job was set to start more than two debounce slots after it was sent
  const delays = await sql<{ s: number }>`
    select extract(epoch from (start_after - created_on))::float8 as s from pgboss.job where name = ${FEED_JOB}`.execute(p.db);
  assert.ok(
    delays.rows.every((r) => Number(r.s) <= 2 * FEED_DEBOUNCE_SECONDS + 1),
    JSON.stringify(delays.rows),
  );
  const published = await p.db.selectFrom('om_resources').select('status').where('status', '=', 'published').execute();
  assert.equal(published.length, 5);
});

test('two regenerations at once never write the same version: one writes it, the other finds nothing to do', async () => {
  await approvedResource(p, 'domain', 'concurrent-1.kz');
  await approvedResource(p, 'url', 'https://board.example/concurrent/2');
  const before = (await p.db.selectFrom('om_feed_versions').select('version').execute()).length;
  const results = await Promise.all([regenerateFeed(p), regenerateFeed(p), regenerateFeed(p)]);
  assert.deepEqual(results.map((r) => r.version).sort(), [before + 1, null, null]);
  const versions = await p.db.selectFrom('om_feed_versions').select('version').orderBy('version').execute();
  assert.deepEqual(
    versions.map((v) => v.version),
    Array.from({ length: before + 1 }, (_, i) => i + 1),
  );
});
