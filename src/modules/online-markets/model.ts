import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatJson } from './json-format.ts';
import { FEATURE_CONFIG, type FeatureBuffer, type FeatureConfig } from './features.ts';

/**
 * Multinomial logistic regression over hashed features, trained with seeded AdaGrad SGD and
 * calibrated by temperature scaling on a validation split. The model file is JSON: a header
 * (version, training date, corpus hash, feature config, temperature) and the non-zero weights,
 * delta-coded indices and float32 values, both base64.
 */

export const LABELS = ['drug_ad', 'drug_recruitment', 'benign'] as const;
export type Label = (typeof LABELS)[number];
export const K = LABELS.length;
const BENIGN = 2;

export type ModelFile = {
  format: 'tartip-online-markets-classifier';
  version: string;
  trainedAt: string;
  corpusHash: string;
  trainedOn: { documents: number; groups: number };
  featureConfig: FeatureConfig;
  labels: readonly Label[];
  temperature: number;
  training: TrainOptions;
  weights: { count: number; indices: string; values: string };
};

export type Model = { header: Omit<ModelFile, 'weights'>; w: Float32Array };

/** Where the committed model lives, resolved from this module, not the working directory. */
export const DEFAULT_MODEL_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/online-markets/model/classifier-v1.json',
);

/** Reads and checks a model file. */
export function loadModel(file: string = DEFAULT_MODEL_PATH): Model {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as ModelFile;
  if (parsed.format !== 'tartip-online-markets-classifier') throw new Error(`${file} is not an online-markets classifier`);
  const fc = parsed.featureConfig;
  if (fc.bits !== FEATURE_CONFIG.bits || fc.charMin !== FEATURE_CONFIG.charMin || fc.charMax !== FEATURE_CONFIG.charMax)
    throw new Error(`${file} was trained with another feature configuration; retrain with \`tartip model train\``);
  const dims = (1 << fc.bits) * K;
  const w = new Float32Array(dims);
  const deltas = new Int32Array(Buffer.from(parsed.weights.indices, 'base64').buffer.slice(0));
  const values = new Float32Array(Buffer.from(parsed.weights.values, 'base64').buffer.slice(0));
  let at = 0;
  for (let i = 0; i < parsed.weights.count; i++) {
    at += deltas[i]!;
    w[at] = values[i]!;
  }
  const { weights: _weights, ...header } = parsed;
  return { header, w };
}

/** Serialises a model; the same weights always give the same bytes. */
export function serialiseModel(header: Omit<ModelFile, 'weights'>, w: Float32Array): string {
  const idx: number[] = [];
  const vals: number[] = [];
  let last = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 0) continue;
    idx.push(i - last);
    vals.push(w[i]!);
    last = i;
  }
  const file: ModelFile = {
    ...header,
    weights: {
      count: idx.length,
      indices: Buffer.from(Int32Array.from(idx).buffer).toString('base64'),
      values: Buffer.from(Float32Array.from(vals).buffer).toString('base64'),
    },
  };
  return formatJson(file);
}

export const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

/** Raw (uncalibrated) class scores of a feature buffer. */
export function logits(w: Float32Array, buf: FeatureBuffer, out: Float64Array): Float64Array {
  const { idx, val, n } = buf;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const base = idx[i]! * 3;
    const v = val[i]!;
    s0 += w[base]! * v;
    s1 += w[base + 1]! * v;
    s2 += w[base + 2]! * v;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  return out;
}

/** Softmax of logits divided by the temperature, in place. */
export function softmax(z: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < K; c++) max = Math.max(max, z[c]! / temperature);
  let sum = 0;
  for (let c = 0; c < K; c++) {
    const e = Math.exp(z[c]! / temperature - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < K; c++) z[c] = z[c]! / sum;
  return z;
}

/** The label for calibrated probabilities: benign when P(drug) < 0.5, else the likelier drug class. */
export function decide(p: Float64Array): { label: Label; score: number } {
  const score = p[0]! + p[1]!;
  if (score < 0.5) return { label: 'benign', score };
  return { label: p[0]! >= p[1]! ? 'drug_ad' : 'drug_recruitment', score };
}

/**
 * Training options. `handwrittenRepeat`: each hand-written training document is seen this many
 * times per epoch (they are few, but closer to real posts than the templated ones).
 */
export type TrainOptions = {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  classWeights: number[];
  handwrittenRepeat: number;
};
export const DEFAULT_TRAIN: TrainOptions = {
  epochs: 14,
  learningRate: 0.25,
  l2: 1e-6,
  seed: 20260301,
  classWeights: [1, 1.3, 1],
  handwrittenRepeat: 1,
};

/** A document as sparse features (indices sorted and merged) and its class. */
export type SparseDoc = { idx: Int32Array; val: Float32Array; y: number };

/** Copies a feature buffer into a sparse document with duplicate indices summed. */
export function toSparse(buf: FeatureBuffer, y: number): SparseDoc {
  const order = Array.from({ length: buf.n }, (_, i) => i).sort((a, b) => buf.idx[a]! - buf.idx[b]! || a - b);
  const idx: number[] = [];
  const val: number[] = [];
  for (const i of order) {
    const f = buf.idx[i]!;
    if (idx.length && idx[idx.length - 1] === f) val[val.length - 1]! += buf.val[i]!;
    else {
      idx.push(f);
      val.push(buf.val[i]!);
    }
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val), y };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function docLogits(w: Float32Array, d: SparseDoc, z: Float64Array): void {
  z.fill(0);
  for (let i = 0; i < d.idx.length; i++) {
    const base = d.idx[i]! * K;
    const v = d.val[i]!;
    for (let c = 0; c < K; c++) z[c]! += w[base + c]! * v;
  }
}

/** Trains the weights (seeded: the same documents and options give the same weights). */
export function train(docs: readonly SparseDoc[], opts: TrainOptions = DEFAULT_TRAIN): Float32Array {
  const dims = (1 << FEATURE_CONFIG.bits) * K;
  const w = new Float32Array(dims);
  const g2 = new Float32Array(dims);
  const rand = mulberry32(opts.seed);
  const order = docs.map((_, i) => i);
  const z = new Float64Array(K);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const di of order) {
      const d = docs[di]!;
      docLogits(w, d, z);
      softmax(z, 1);
      const cw = opts.classWeights[d.y] ?? 1;
      for (let i = 0; i < d.idx.length; i++) {
        const base = d.idx[i]! * K;
        const v = d.val[i]!;
        for (let c = 0; c < K; c++) {
          const grad = cw * (z[c]! - (c === d.y ? 1 : 0)) * v + opts.l2 * w[base + c]!;
          if (grad === 0) continue;
          g2[base + c]! += grad * grad;
          w[base + c]! -= (opts.learningRate * grad) / Math.sqrt(g2[base + c]! + 1e-8);
        }
      }
    }
  }
  return w;
}

/** Mean negative log-likelihood of the true classes at a temperature. */
function nll(raw: readonly Float64Array[], ys: readonly number[], t: number): number {
  let sum = 0;
  const p = new Float64Array(K);
  raw.forEach((z, i) => {
    p.set(z);
    softmax(p, t);
    sum -= Math.log(Math.max(p[ys[i]!]!, 1e-12));
  });
  return sum / Math.max(1, raw.length);
}

/** The temperature that minimises validation NLL (golden-section search on log T). */
export function fitTemperature(raw: readonly Float64Array[], ys: readonly number[]): number {
  if (raw.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (nll(raw, ys, Math.exp(a)) <= nll(raw, ys, Math.exp(b))) hi = b;
    else lo = a;
  }
  return Number(Math.exp((lo + hi) / 2).toFixed(6));
}

export { BENIGN };
