import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { buildUser, login, type Session } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-platform.ts';
import { buildPackage } from './package.ts';
import { artefactsWithContent, findResource, listArtefacts } from './repository.ts';
import { storePhoto } from './store.ts';
import { buildEvidenceResource } from './testing.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const WALL_AD = readFileSync(new URL('../crawl/fixtures/wall-ad.png', import.meta.url));

let t: TestApp;
let analyst: Session;
let analystName: string;
let outsider: Session;
before(async () => {
  t = await createTestApp();
  const a = await buildUser(t.platform, { role: 'om_analyst' });
  analystName = a.username;
  analyst = await login(t.app, a);
  outsider = await login(t.app, await buildUser(t.platform, { role: 'regional_coordinator', regionCode: 'KZ-71' }));
});
after(() => t.close());

test('a capture is stored as metadata, WARC and screenshot, each with the SHA-256 of its bytes', async () => {
  const { resourceId, captureId } = await buildEvidenceResource(t.platform);
  const rows = await artefactsWithContent(t.platform.db, resourceId);
  assert.deepEqual(rows.map((r) => r.kind).sort(), ['capture', 'screenshot', 'warc']);
  for (const r of rows) {
    assert.equal(r.capture_id, captureId);
    assert.equal(r.sha256, sha(r.content));
    assert.equal(r.size, r.content.length);
    assert.deepEqual(r.resolved_ips, ['203.0.113.7']);
    assert.equal(r.http_status, 200);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  }
  const meta = JSON.parse(Buffer.from(rows.find((r) => r.kind === 'capture')!.content).toString('utf8')) as Record<string, unknown>;
  assert.equal(meta.warcSha256, rows.find((r) => r.kind === 'warc')!.sha256);
  assert.equal(meta.screenshotSha256, rows.find((r) => r.kind === 'screenshot')!.sha256);
  assert.match(Buffer.from(rows.find((r) => r.kind === 'warc')!.content).toString('utf8'), /^WARC\/1\.1\r\n/);
});

test('a citizen photo is stored only as the PNG/JPEG it really is', async () => {
  const { resourceId } = await buildEvidenceResource(t.platform);
  const id = await t.platform.db.transaction().execute((tx) => storePhoto(tx, resourceId, WALL_AD, 'image/png', 'citizen'));
  const photo = (await listArtefacts(t.platform.db, resourceId)).find((r) => r.id === id);
  assert.equal(photo?.kind, 'photo');
  assert.equal(photo?.sha256, sha(WALL_AD));
  await assert.rejects(
    t.platform.db.transaction().execute((tx) => storePhoto(tx, resourceId, WALL_AD, 'image/jpeg', 'citizen')),
    /is image\/png but was sent as image\/jpeg/,
  );
  await assert.rejects(
    t.platform.db.transaction().execute((tx) => storePhoto(tx, resourceId, Buffer.from('GIF89a....'), 'image/gif', 'citizen')),
    /Only PNG and JPEG/,
  );
});

test('evidence is immutable: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
  const { resourceId } = await buildEvidenceResource(t.platform);
  const db = t.platform.db;
  await assert.rejects(sql`update om_evidence set sha256 = ${'0'.repeat(64)} where resource_id = ${resourceId}`.execute(db), /immutable/);
  await assert.rejects(
    sql`update om_evidence set content = ${Buffer.from('forged')} where resource_id = ${resourceId}`.execute(db),
    /immutable/,
  );
  await assert.rejects(sql`delete from om_evidence where resource_id = ${resourceId}`.execute(db), /immutable/);
  await assert.rejects(sql`truncate om_evidence`.execute(db), /immutable/);
  assert.equal((await listArtefacts(db, resourceId)).length, 3);
});

test('an analyst lists, opens and exports evidence; each is audited; others get 403', async () => {
  const { resourceId } = await buildEvidenceResource(t.platform);
  const list = await t.app.inject({ url: `/api/online-markets/resources/${resourceId}/evidence`, headers: analyst.headers });
  assert.equal(list.statusCode, 200, list.body);
  const items = list.json().items as { id: string; kind: string; sha256: string; size: number; content?: unknown }[];
  assert.equal(items.length, 3);
  assert.ok(items.every((i) => i.content === undefined && /^[0-9a-f]{64}$/.test(i.sha256)));

  const warc = items.find((i) => i.kind === 'warc')!;
  const open = await t.app.inject({ url: `/api/online-markets/evidence/${warc.id}/content`, headers: analyst.headers });
  assert.equal(open.statusCode, 200);
  assert.equal(open.headers['content-type'], 'application/warc');
  assert.match(String(open.headers['content-disposition']), /^attachment; filename="\d{8}T\d{6}Z_warc_[0-9a-f]{8}\.warc"$/);
  assert.equal(open.headers['x-content-sha256'], warc.sha256);
  assert.equal(sha(open.rawPayload), warc.sha256);
  assert.equal(open.rawPayload.length, warc.size);

  for (const url of [
    `/api/online-markets/resources/${resourceId}/evidence`,
    `/api/online-markets/evidence/${warc.id}/content`,
    `/api/online-markets/resources/${resourceId}/evidence-package`,
  ]) {
    const denied = await t.app.inject({ url, headers: outsider.headers });
    assert.equal(denied.statusCode, 403, url);
    assert.equal((await t.app.inject({ url })).statusCode, 401, url);
  }
  const missing = await t.app.inject({ url: `/api/online-markets/resources/${crypto.randomUUID()}/evidence`, headers: analyst.headers });
  assert.equal(missing.statusCode, 404);

  const pkg = await t.app.inject({ url: `/api/online-markets/resources/${resourceId}/evidence-package`, headers: analyst.headers });
  assert.equal(pkg.statusCode, 200);
  assert.equal(pkg.headers['content-type'], 'application/zip');
  assert.equal(pkg.headers['x-content-sha256'], sha(pkg.rawPayload));

  const audit = await t.platform.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username', 'resource_id', 'details'])
    .where('resource_id', '=', resourceId)
    .where('action', 'like', 'om_evidence.%')
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['om_evidence.list', 'om_evidence.read', 'om_evidence.export'],
  );
  assert.ok(audit.every((a) => a.actor_username === analystName));
  assert.equal((audit[1]!.details as { sha256: string }).sha256, warc.sha256);
  const files = unzipSync(new Uint8Array(pkg.rawPayload));
  assert.equal((audit[2]!.details as { manifestSha256: string }).manifestSha256, sha(files['manifest.json']!));
});

test('the evidence package verifies: manifest hashes, checksum file and sha256sum -c', async () => {
  const { resourceId } = await buildEvidenceResource(t.platform);
  const res = await t.app.inject({ url: `/api/online-markets/resources/${resourceId}/evidence-package`, headers: analyst.headers });
  const files = unzipSync(new Uint8Array(res.rawPayload));
  const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as {
    generator: string;
    exporter: string;
    exportedAt: string;
    resource: { id: string; locator: string };
    artefacts: {
      file: string;
      sha256: string;
      kind: string;
      retrievedAt: string;
      headers: Record<string, string>;
      resolvedIps: string[];
    }[];
  };
  assert.equal(manifest.resource.id, resourceId);
  assert.equal(manifest.exporter, analystName);
  assert.match(manifest.generator, /^tartip-evidence\/\d+\.\d+\.\d+$/);
  assert.equal(manifest.artefacts.length, 3);
  const stored = await listArtefacts(t.platform.db, resourceId);
  for (const a of manifest.artefacts) {
    const bytes = files[a.file];
    assert.ok(bytes, `${a.file} is in the package`);
    assert.equal(sha(bytes), a.sha256, `${a.file} matches its manifest hash`);
    assert.equal(a.sha256, stored.find((s) => s.sha256 === a.sha256)?.sha256, 'the hash recorded at capture time');
    assert.deepEqual(a.resolvedIps, ['203.0.113.7']);
    assert.ok(a.headers['content-type']);
  }
  const sums = Buffer.from(files['manifest.sha256']!).toString('utf8').trim().split('\n');
  assert.equal(sums.length, 4);
  for (const line of sums) {
    const [hash, name] = line.split('  ');
    assert.equal(sha(files[name!]!), hash, name);
  }
  assert.match(Buffer.from(files['README.txt']!).toString('utf8'), /sha256sum -c manifest\.sha256/);
  // the court's own check, with coreutils
  if (existsSync('/usr/bin/sha256sum')) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tartip-pkg-'));
    try {
      for (const [name, bytes] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), bytes);
      }
      const out = execFileSync('/usr/bin/sha256sum', ['-c', 'manifest.sha256'], { cwd: dir, encoding: 'utf8' });
      assert.equal(
        out
          .trim()
          .split('\n')
          .filter((l) => l.endsWith(': OK')).length,
        4,
        out,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a stored artefact whose bytes no longer match its hash is never exported', async () => {
  const { resourceId } = await buildEvidenceResource(t.platform);
  const rows = await artefactsWithContent(t.platform.db, resourceId);
  const resource = await findResource(t.platform.db, resourceId);
  const forged = rows.map((r, i) => (i === 0 ? { ...r, content: Buffer.from('forged') } : r));
  assert.throws(() => buildPackage(resource!, forged, 'x', new Date()), /does not match its recorded SHA-256/);
  assert.equal(buildPackage(resource!, rows, 'x', new Date()).artefactCount, 3);
});
