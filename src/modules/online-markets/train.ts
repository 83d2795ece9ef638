import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { heldOutFiles, loadCorpus, loadHeldApart, splitOf, type CorpusItem } from './corpus.ts';
import {
  breakdown,
  confusion,
  drugVsBenign,
  ece,
  indicatorScores,
  indicatorScoresByType,
  keywordBaseline,
  perClass,
  prf,
  type Prediction,
} from './evaluate.ts';
import { FEATURE_CONFIG, newFeatureBuffer } from './features.ts';
import { formatJson } from './json-format.ts';
import {
  DEFAULT_TRAIN,
  fitTemperature,
  K,
  LABELS,
  serialiseModel,
  sha256,
  softmax,
  toSparse,
  train,
  type Model,
  type ModelFile,
  type SparseDoc,
} from './model.ts';
import { renderReport } from './report.ts';
import { createScanner, featurise } from './scan.ts';

/** `tartip model train`: corpus → split by group → train → calibrate → evaluate → model + report. */

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CORPUS_DIR = path.resolve(here, '../../../data/online-markets/corpus');
export const DEFAULT_MODEL_DIR = path.resolve(here, '../../../data/online-markets/model');
export const MODEL_VERSION = 'classifier-v1';

export type TrainRun = { modelPath: string; modelHash: string; summary: string; evaluation: Evaluation };
export type Evaluation = ReturnType<typeof evaluateAll>;

function evaluateAll(
  model: Model,
  test: CorpusItem[],
  held: { adversarial: CorpusItem[]; adversarial2: CorpusItem[]; heldOut: HeldOutFile[] },
  indicatorFile: string,
  indicatorV2File: string,
) {
  const scanner = createScanner(model);
  const predict = (items: CorpusItem[]): Prediction[] =>
    items.map((it) => {
      const d = scanner.scanDetailed({ id: it.id, text: it.text });
      return { label: d.label, truth: it.label, score: d.score, lang: it.lang, obfuscated: it.obfuscated, category: it.category };
    });
  const preds = predict(test);
  const heldOut = (items: CorpusItem[]) => {
    const got = predict(items);
    return {
      documents: got.length,
      drugVsBenign: drugVsBenign(got),
      perClass: perClass(got, LABELS),
      confusion: { labels: LABELS, matrix: confusion(got, LABELS) },
      keywordBaseline: prf(items.map((it) => ({ pred: keywordBaseline(it.text), truth: it.label !== 'benign' }))),
      obfuscatedIllicitRecall: prf(
        got.filter((p) => p.truth !== 'benign' && p.obfuscated).map((p) => ({ pred: p.label !== 'benign', truth: true })),
      ).recall,
      byLanguage: breakdown(got, (p) => p.lang),
      byObfuscation: breakdown(got, (p) => (p.obfuscated ? 'obfuscated' : 'plain')),
      errors: items
        .map((it, i) => ({ id: it.id, truth: it.label, got: got[i]!.label, score: got[i]!.score }))
        .filter((e) => (e.truth === 'benign') !== (e.got === 'benign')),
    };
  };
  const illicit = preds.filter((p) => p.truth !== 'benign');
  const indicatorCases = (file: string) =>
    loadIndicatorCases(file).map((c) => ({
      expected: c.expected.map((e) => `${e.type}:${e.value}`),
      got: scanner.scan({ id: c.id, text: c.text }).indicators.map((e) => `${e.type}:${e.value}`),
    }));
  const v2 = indicatorCases(indicatorV2File);
  return {
    test: {
      documents: preds.length,
      drugVsBenign: drugVsBenign(preds),
      perClass: perClass(preds, LABELS),
      confusion: { labels: LABELS, matrix: confusion(preds, LABELS) },
      ece: ece(preds),
      byLanguage: breakdown(preds, (p) => p.lang),
      byObfuscation: breakdown(preds, (p) => (p.obfuscated ? 'obfuscated' : 'plain')),
      obfuscatedIllicitRecall: prf(illicit.filter((p) => p.obfuscated).map((p) => ({ pred: p.label !== 'benign', truth: true }))).recall,
      byCategory: breakdown(preds, (p) => p.category),
      keywordBaseline: prf(test.map((it) => ({ pred: keywordBaseline(it.text), truth: it.label !== 'benign' }))),
    },
    adversarial: heldOut(held.adversarial),
    adversarial2: heldOut(held.adversarial2),
    heldOutSets: held.heldOut.map((h) => ('error' in h ? { file: h.file, error: h.error } : { file: h.file, ...heldOut(h.items) })),
    indicators: indicatorScores(indicatorCases(indicatorFile)),
    indicatorsV2: { ...indicatorScores(v2), byType: indicatorScoresByType(v2) },
  };
}

/** A held-out set file: its records, or why it could not be read (a malformed file must not stop training). */
type HeldOutFile = { file: string; items: CorpusItem[] } | { file: string; error: string };

function loadHeldOutSets(dir: string): HeldOutFile[] {
  return heldOutFiles(dir).map((f) => {
    const file = path.basename(f);
    try {
      return { file, items: loadHeldApart(f) };
    } catch (err) {
      return { file, error: err instanceof Error ? err.message : String(err) };
    }
  });
}

type IndicatorCase = { id: string; text: string; expected: { type: string; value: string }[] };

function loadIndicatorCases(file: string): IndicatorCase[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as IndicatorCase);
}

/** Trains and writes the model and its evaluation report. Deterministic for a corpus and date. */
export async function runTraining(opts: {
  corpusDir: string;
  outDir: string;
  trainedAt: string;
  limit?: number;
  log?: (line: string) => void;
}): Promise<TrainRun> {
  const log = opts.log ?? (() => undefined);
  const { items, hash } = loadCorpus(opts.corpusDir, opts.limit);
  if (items.length === 0) throw new Error(`no corpus records in ${opts.corpusDir}`);
  log(`corpus: ${items.length} documents, sha256 ${hash.slice(0, 16)}…`);
  const buf = newFeatureBuffer();
  const bySplit: Record<'train' | 'validation' | 'test', { items: CorpusItem[]; docs: SparseDoc[] }> = {
    train: { items: [], docs: [] },
    validation: { items: [], docs: [] },
    test: { items: [], docs: [] },
  };
  for (const it of items) {
    featurise(it.text, buf);
    const s = bySplit[splitOf(it.group)];
    s.items.push(it);
    s.docs.push(toSparse(buf, LABELS.indexOf(it.label)));
  }
  log(`split by group: train ${bySplit.train.docs.length}, validation ${bySplit.validation.docs.length}, test ${bySplit.test.docs.length}`);
  const trainDocs: SparseDoc[] = [];
  bySplit.train.items.forEach((it, i) => {
    const times = it.source === 'handwritten' ? DEFAULT_TRAIN.handwrittenRepeat : 1;
    for (let k = 0; k < times; k++) trainDocs.push(bySplit.train.docs[i]!);
  });
  const w = train(trainDocs, DEFAULT_TRAIN);
  const raw = bySplit.validation.docs.map((d) => {
    const z = new Float64Array(K);
    for (let i = 0; i < d.idx.length; i++) for (let c = 0; c < K; c++) z[c]! += w[d.idx[i]! * K + c]! * d.val[i]!;
    return z;
  });
  const temperature = fitTemperature(
    raw,
    bySplit.validation.docs.map((d) => d.y),
  );
  const validation = prf(
    raw.map((z, i) => {
      const p = softmax(Float64Array.from(z), temperature);
      return { pred: p[0]! + p[1]! >= 0.5, truth: bySplit.validation.docs[i]!.y !== LABELS.indexOf('benign') };
    }),
  );
  log(
    `trained; temperature ${temperature}; validation drug-vs-benign P ${validation.precision} R ${validation.recall} F1 ${validation.f1}`,
  );
  const header: Omit<ModelFile, 'weights'> = {
    format: 'tartip-online-markets-classifier',
    version: MODEL_VERSION,
    trainedAt: opts.trainedAt,
    corpusHash: hash,
    trainedOn: { documents: bySplit.train.docs.length, groups: new Set(bySplit.train.items.map((i) => i.group)).size },
    featureConfig: FEATURE_CONFIG,
    labels: LABELS,
    temperature,
    training: DEFAULT_TRAIN,
  };
  const text = serialiseModel(header, w);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const modelPath = path.join(opts.outDir, `${MODEL_VERSION}.json`);
  fs.writeFileSync(modelPath, text);
  const model: Model = { header, w };
  const evaluation = evaluateAll(
    model,
    bySplit.test.items,
    {
      adversarial: loadHeldApart(path.join(opts.corpusDir, 'adversarial.jsonl')),
      adversarial2: loadHeldApart(path.join(opts.corpusDir, 'adversarial-2.jsonl')),
      heldOut: loadHeldOutSets(opts.corpusDir),
    },
    path.join(opts.corpusDir, 'indicators.jsonl'),
    path.join(opts.corpusDir, 'indicators-v2.jsonl'),
  );
  const counts = Object.fromEntries(LABELS.map((l) => [l, items.filter((i) => i.label === l).length]));
  const meta = {
    modelHash: sha256(text),
    corpusHash: hash,
    trainedAt: opts.trainedAt,
    documents: items.length,
    counts,
    splits: { train: bySplit.train.docs.length, validation: bySplit.validation.docs.length, test: bySplit.test.docs.length },
    temperature,
    modelBytes: Buffer.byteLength(text),
  };
  fs.writeFileSync(path.join(opts.outDir, 'evaluation-v1.json'), formatJson({ ...meta, ...evaluation }));
  fs.writeFileSync(path.join(opts.outDir, 'evaluation-v1.md'), renderReport(meta, evaluation));
  const t = evaluation.test.drugVsBenign;
  const heldOutSummary = evaluation.heldOutSets
    .map((h) =>
      'error' in h
        ? `${h.file} unreadable`
        : `${h.file} P ${h.drugVsBenign.precision} R ${h.drugVsBenign.recall} F1 ${h.drugVsBenign.f1} (obfuscated recall ${h.obfuscatedIllicitRecall})`,
    )
    .join('; ');
  const summary = `model ${modelPath} (${(meta.modelBytes / 1e6).toFixed(2)} MB, sha256 ${meta.modelHash.slice(0, 16)}…); test drug-vs-benign P ${t.precision} R ${t.recall} F1 ${t.f1}; obfuscated recall ${evaluation.test.obfuscatedIllicitRecall}; ECE ${evaluation.test.ece}; adversarial F1 ${evaluation.adversarial.drugVsBenign.f1}; adversarial-2 F1 ${evaluation.adversarial2.drugVsBenign.f1}; ${heldOutSummary}; indicators F1 ${evaluation.indicators.f1}, v2 ${evaluation.indicatorsV2.f1}`;
  return { modelPath, modelHash: meta.modelHash, summary, evaluation };
}
