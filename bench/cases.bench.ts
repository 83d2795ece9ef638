/**
 * bench:cases — p50/p95 latency of the family-safety case list and searches with 1 M cases.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:cases     (target: p95 ≤ 100 ms)
 *
 * Loads BENCH_CASES synthetic cases (default 1,000,000; one victim person and one incident each) with
 * set-based SQL into a fresh database, then times requests through the real HTTP stack (in-process
 * inject: authentication, validation, region scope, audit of nothing — lists are not record views —
 * and serialisation) as a regional specialised-unit officer. BENCH_RUNS (200) requests per query.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { bootPlatform, buildServer } from '../src/app.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { buildUser, login } from '../src/testing/factories.ts';

const total = Number(process.env.BENCH_CASES ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const serverUrl = process.env.DATABASE_URL;
process.env.TARTIP_SECRET_KEY ??= randomBytes(32).toString('hex');

const monthsAgo = (m: number) => new Date(Date.now() - m * 30 * 86_400_000).toISOString().slice(0, 10);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

async function main() {
  if (!serverUrl) console.warn('bench:cases: DATABASE_URL is not set — running on embedded PGlite; the target is for PostgreSQL.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-bench-cases-'));
  let dbUrl = '';
  let dropDb = async () => undefined as void;
  if (serverUrl) {
    const name = `tartip_cases_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const platform = await bootPlatform(
    loadConfig({ ...process.env, TARTIP_DATA_DIR: dataDir, DATABASE_URL: dbUrl, TARTIP_LOG_LEVEL: 'silent' }),
  );
  try {
    const db = platform.db;
    const started = Date.now();
    const batch = 100_000;
    for (let from = 1; from <= total; from += batch) {
      const to = Math.min(total, from + batch - 1);
      await sql`
        insert into dv_persons (id, region_code, last_name, first_name, norm_name, birth_date, gender, is_synthetic, created_at)
        select md5('p' || g)::uuid, r.code,
               (array['Ахметова','Иванова','Садыкова','Нурланова','Ким','Петрова','Жумабаева','Смагулова','Ли','Орлова'])[1 + g % 10] || (g % 997)::text,
               (array['Айгерим','Мария','Дана','Алия','Елена','Жанар','Асель','Ольга','Гульнара','Сауле'])[1 + (g / 10) % 10],
               lower((array['Ахметова','Иванова','Садыкова','Нурланова','Ким','Петрова','Жумабаева','Смагулова','Ли','Орлова'])[1 + g % 10] || (g % 997)::text
                 || ' ' || (array['Айгерим','Мария','Дана','Алия','Елена','Жанар','Асель','Ольга','Гульнара','Сауле'])[1 + (g / 10) % 10]),
               date '1970-01-01' + (g % 12000), 'female', true, now() - make_interval(mins => g % 525600)
        from generate_series(${from}::int, ${to}::int) g
        join (select code, row_number() over (order by code) - 1 as i from regions) r on r.i = g % 20`.execute(db);
      await sql`
        insert into dv_cases (id, code, region_code, status, source, address, norm_address, legal_code, risk_band, is_repeat,
                              incident_count, last_incident_at, is_synthetic, created_by, created_at, updated_at)
        select md5('c' || g)::uuid, 'DV-' || substr(r.code, 4) || '-' || (2025 + g % 2) || '-' || lpad(g::text, 7, '0'), r.code,
               case when g % 5 = 0 then 'closed' else 'open' end, 'police_call',
               'ул. Абая, д. ' || (g % 300) || ', кв. ' || (g % 90), 'ул абая д ' || (g % 300) || ' кв ' || (g % 90),
               case when g % 3 = 0 then 'cc-109-1' else 'ac-73' end,
               (array['standard','medium','high'])[1 + g % 3], g % 7 = 0, 1,
               now() - make_interval(mins => g % 525600), true, 'bench', now() - make_interval(mins => g % 525600), now()
        from generate_series(${from}::int, ${to}::int) g
        join (select code, row_number() over (order by code) - 1 as i from regions) r on r.i = g % 20`.execute(db);
      await sql`
        insert into dv_case_people (case_id, person_id, role, was_present)
        select md5('c' || g)::uuid, md5('p' || g)::uuid, 'victim', true from generate_series(${from}::int, ${to}::int) g`.execute(db);
      await sql`
        insert into dv_incidents (case_id, region_code, occurred_at, source, address, norm_address, narrative, legal_code, created_by)
        select id, region_code, last_incident_at, source, address, norm_address, 'Синтетическое описание', legal_code, 'bench'
        from dv_cases where id in (select md5('c' || g)::uuid from generate_series(${from}::int, ${to}::int) g)`.execute(db);
      process.stderr.write(
        `loaded ${to.toLocaleString('en')} / ${total.toLocaleString('en')} cases (${Math.round((Date.now() - started) / 1000)} s)\n`,
      );
    }
    await sql`analyze`.execute(db);
    const { app } = await buildServer(platform, { webRoot: null, logger: false });
    await app.ready();
    const officer = await login(app, await buildUser(platform, { role: 'dv_police_officer', regionCode: 'KZ-75' }));
    const sample = await sql<{ code: string; last_name: string; first_name: string; birth_date: string; address: string }>`
      select c.code, p.last_name, p.first_name, p.birth_date::text as birth_date, c.address
      from dv_cases c join dv_case_people cp on cp.case_id = c.id join dv_persons p on p.id = cp.person_id
      where c.region_code = 'KZ-75' order by c.id limit 1`.execute(db);
    const s = sample.rows[0]!;
    const queries: [string, string][] = [
      ['list, page 1 (region scope)', '/api/family-safety/cases?pageSize=20'],
      ['list, page 50', '/api/family-safety/cases?pageSize=20&page=50'],
      ['list, open high-risk', '/api/family-safety/cases?status=open&band=high&pageSize=20'],
      ['list, repeat cases in a date range', `/api/family-safety/cases?repeat=true&from=${monthsAgo(9)}&to=${monthsAgo(3)}&pageSize=20`],
      ['search by case code prefix', `/api/family-safety/cases?q=${encodeURIComponent(s.code.slice(0, 16))}&pageSize=20`],
      [
        'search person (name + birth date)',
        `/api/family-safety/search?lastName=${encodeURIComponent(s.last_name)}&firstName=${encodeURIComponent(s.first_name)}&birthDate=${s.birth_date}`,
      ],
      ['search by address', `/api/family-safety/search?address=${encodeURIComponent(s.address)}`],
    ];
    const results: Record<string, { p50: number; p95: number; rows: number }> = {};
    for (const [label, url] of queries) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs + 10; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: officer.headers });
        const dt = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
        if (i >= 10) times.push(dt); // first 10 warm the caches
        const body = res.json() as Record<string, unknown>;
        rows =
          typeof body.total === 'number'
            ? body.total
            : Object.values(body).reduce<number>((a, v) => a + (Array.isArray(v) ? v.length : 0), 0);
      }
      results[label] = { p50: pct(times, 50), p95: pct(times, 95), rows };
    }
    await app.close();
    console.log(JSON.stringify({ engine: platform.handle.engine, cases: total, runs, latencyMs: results }, null, 2));
    const worst = Math.max(...Object.values(results).map((r) => r.p95));
    console.log(`bench:cases ${platform.handle.engine}, ${total.toLocaleString('en')} cases: worst p95 ${worst} ms (target ≤ 100 ms)`);
  } finally {
    await platform.close();
    await dropDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
