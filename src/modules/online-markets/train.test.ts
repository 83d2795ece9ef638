import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { corpusFiles, heldOutFiles, loadHeldApart, splitOf } from './corpus.ts';
import { loadModel } from './model.ts';
import { createScanner } from './scan.ts';
import { DEFAULT_CORPUS_DIR, runTraining } from './train.ts';

test('training is reproducible: the same corpus slice gives the same model bytes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartip-train-'));
  try {
    const run = (out: string) =>
      runTraining({ corpusDir: DEFAULT_CORPUS_DIR, outDir: path.join(dir, out), trainedAt: '2026-03-01', limit: 120 });
    const a = await run('a');
    const b = await run('b');
    assert.equal(a.modelHash, b.modelHash);
    assert.deepEqual(fs.readFileSync(a.modelPath), fs.readFileSync(b.modelPath));
    const model = loadModel(a.modelPath);
    assert.equal(model.header.version, 'classifier-v1');
    assert.match(model.header.corpusHash, /^[0-9a-f]{64}$/);
    for (const f of ['evaluation-v1.md', 'evaluation-v1.json']) assert.ok(fs.existsSync(path.join(dir, 'a', f)));
    // the small model still works end to end
    assert.ok(['drug_ad', 'drug_recruitment', 'benign'].includes(createScanner(model).scan({ id: 'x', text: 'меф закладки' }).label));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('splits are by group and stable', () => {
  assert.equal(splitOf('ad-ru-menu'), splitOf('ad-ru-menu'));
  const splits = new Set(Array.from({ length: 200 }, (_, i) => splitOf(`g${i}`)));
  assert.deepEqual([...splits].sort(), ['test', 'train', 'validation']);
});

test('the committed model is small enough and names its corpus', () => {
  const model = loadModel();
  assert.ok(fs.statSync(path.resolve(import.meta.dirname, '../../../data/online-markets/model/classifier-v1.json')).size < 5_000_000);
  assert.ok(model.header.temperature > 0);
});

test('held-out and indicator sets are never read as training data', () => {
  const files = corpusFiles(DEFAULT_CORPUS_DIR).map((f) => path.basename(f));
  assert.ok(files.includes('generated.jsonl'));
  assert.ok(files.includes('handwritten-3.jsonl'));
  for (const f of files) assert.doesNotMatch(f, /^(?:adversarial|heldout|indicators)/);
  const heldOut = loadHeldApart(path.join(DEFAULT_CORPUS_DIR, 'heldout-v5.jsonl'));
  assert.ok(heldOut.length >= 400);
  // about half hard negatives; every language; obfuscated drug texts marked
  const benign = heldOut.filter((it) => it.label === 'benign').length;
  assert.ok(benign / heldOut.length > 0.4 && benign / heldOut.length < 0.6);
  assert.deepEqual([...new Set(heldOut.map((it) => it.lang))].sort(), ['en', 'kk', 'mixed', 'ru']);
  const illicit = heldOut.filter((it) => it.label !== 'benign');
  assert.ok(illicit.filter((it) => it.obfuscated).length >= 0.3 * illicit.length);
  // no held-out text is also a training text
  const training = new Set(
    files
      .flatMap((f) => fs.readFileSync(path.join(DEFAULT_CORPUS_DIR, f), 'utf8').split('\n'))
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  for (const it of heldOut) assert.ok(!training.has(it.text), it.id);
  // every held-out set is found for the report, and none of their texts is a training text
  const sets = heldOutFiles(DEFAULT_CORPUS_DIR).map((f) => path.basename(f));
  assert.ok(sets.includes('heldout-v5.jsonl'));
  for (const f of sets) {
    assert.ok(!files.includes(f), f);
    for (const it of loadHeldApart(path.join(DEFAULT_CORPUS_DIR, f))) assert.ok(!training.has(it.text), `${f}: ${it.id}`);
  }
});
