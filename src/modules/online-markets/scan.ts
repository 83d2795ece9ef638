import { computeFeatures, newFeatureBuffer, type FeatureBuffer } from './features.ts';
import { documentSignals } from './signals.ts';
import { htmlToText } from './html.ts';
import { extractIndicators, type Indicator } from './indicators.ts';
import { BENIGN, decide, K, loadModel, softmax, type Label, type Model } from './model.ts';
import { extractionView, type Obfuscation } from './normalize.ts';
import { classifierView } from './normalize-words.ts';

/**
 * One document through the whole pipeline: extraction view → indicators → classifier view →
 * features → calibrated probabilities → label, score and reviewer reasons.
 */

export type ScanDocument = { id: string | number; text?: string; url?: string; html?: string };
export type ScanResult = { id: string | number; label: Label; score: number; indicators: Indicator[]; reasons: string[] };
export type ScanError = { id: string | number | null; error: string };

/** Detailed output for training and evaluation: probabilities and the tricks found. */
export type ScanDetail = ScanResult & { probabilities: [number, number, number]; tricks: Obfuscation[] };

export const MAX_TEXT_CHARS = 1_048_576;
const MAX_REASONS = 8;
const DRUG_REASON = /^(?:substance|phrase|obfuscation|emoji)/;
// Classify at most this much of a document (indicators come from all of it): beyond it the words
// repeat, and the cost would grow without limit.
const CLASSIFY_CHARS = 200_000;

/** The text to scan for a document: its text, the visible text of its HTML, and its URL. */
export function documentText(doc: Omit<ScanDocument, 'id'>): string {
  if (doc.html === undefined && doc.url === undefined) return doc.text ?? '';
  const parts: string[] = [];
  if (doc.text) parts.push(doc.text);
  if (doc.html) parts.push(htmlToText(doc.html));
  if (doc.url) parts.push(doc.url);
  return parts.join('\n');
}

/** Runs the pipeline up to the features of a text (into `buf`); returns the indicators and tricks found. */
export function featurise(
  text: string,
  buf: FeatureBuffer,
  w?: Float32Array,
  z?: Float64Array,
): { indicators: Indicator[]; tricks: Set<Obfuscation> } {
  const view = extractionView(text);
  const indicators = extractIndicators(view.text);
  const forClassifier = view.text.length > CLASSIFY_CHARS ? view.text.slice(0, CLASSIFY_CHARS) : view.text;
  const cv = classifierView(forClassifier, view.tricks);
  const signals = documentSignals(cv, forClassifier, indicators, view.tricks);
  computeFeatures(buf, cv, signals, w, z);
  return { indicators, tricks: view.tricks };
}

export type Scanner = {
  model: Model;
  /** Scans one document. */
  scan(doc: ScanDocument): ScanResult;
  /** Scans one document and keeps the probabilities (evaluation). */
  scanDetailed(doc: ScanDocument): ScanDetail;
};

/** A scanner over a loaded model (the committed one by default); reuses its buffers, so one per thread. */
export function createScanner(model: Model = loadModel()): Scanner {
  const buf: FeatureBuffer = newFeatureBuffer();
  const z = new Float64Array(K);
  const t = model.header.temperature;
  const w = model.w;

  function reasonsFor(label: Label): string[] {
    const winner = label === 'drug_ad' ? 0 : label === 'drug_recruitment' ? 1 : BENIGN;
    const margin = (index: number): number => {
      const base = index * K;
      if (winner === BENIGN) return w[base + BENIGN]! - Math.max(w[base]!, w[base + 1]!);
      return w[base + winner]! - w[base + BENIGN]!;
    };
    // Drug labels: every drug-side signal (substances, phrases, obfuscation, payment details),
    // strongest first. Benign: the signals that pulled towards benign.
    const ranked: { reason: string; m: number }[] = [];
    for (const s of buf.signals) {
      const reason = s.reason;
      if (reason === null) continue;
      const m = margin(s.index);
      if (winner === BENIGN ? m > 0 : !reason.startsWith('context ') && (m > 0 || DRUG_REASON.test(reason))) ranked.push({ reason, m });
    }
    ranked.sort((a, b) => b.m - a.m);
    const out: string[] = [];
    for (const r of ranked) if (!out.includes(r.reason) && out.length < MAX_REASONS) out.push(r.reason);
    if (out.length < 3) {
      const seen = new Set<string>();
      const words: { token: string; index: number }[] = [];
      for (let i = 0; i < buf.wordCount; i++) {
        const token = buf.words[i]!;
        if (token.length > 2 && !token.startsWith('emo_') && !seen.has(token)) {
          seen.add(token);
          words.push({ token, index: buf.wordIdx[i]! });
        }
      }
      const top = words
        .map((x) => ({ token: x.token, m: margin(x.index) }))
        .filter((x) => x.m > 0.5)
        .sort((a, b) => b.m - a.m)
        .slice(0, 3 - out.length);
      for (const x of top) out.push(`word "${x.token}"`);
    }
    return out;
  }

  function scanDetailed(doc: ScanDocument): ScanDetail {
    const { indicators, tricks } = featurise(documentText(doc), buf, w, z);
    softmax(z, t);
    const { label, score } = decide(z);
    return {
      id: doc.id,
      label,
      score: Math.round(score * 10000) / 10000,
      indicators,
      reasons: reasonsFor(label),
      probabilities: [z[0]!, z[1]!, z[2]!],
      tricks: [...tricks],
    };
  }

  return {
    model,
    scanDetailed,
    scan(doc) {
      const { indicators } = featurise(documentText(doc), buf, w, z);
      softmax(z, t);
      const { label, score } = decide(z);
      return { id: doc.id, label, score: Math.round(score * 10000) / 10000, indicators, reasons: reasonsFor(label) };
    },
  };
}
