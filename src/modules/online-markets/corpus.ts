import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LABELS, type Label } from './model.ts';

/**
 * The labelled corpus: JSONL files of `{id, text, label, lang, obfuscated, category, group}`.
 * Splits are by group (a template or a hand-written cluster), so one phrasing never sits in two
 * splits. `adversarial*.jsonl`, `heldout*.jsonl` and `indicators*.jsonl` are held apart: never trained on.
 */

export type CorpusItem = {
  id: string;
  text: string;
  label: Label;
  lang: string;
  obfuscated: boolean;
  category: string;
  group: string;
  source: string;
};
export type Split = 'train' | 'validation' | 'test';

const isHeldApart = (name: string) => name.startsWith('adversarial') || name.startsWith('heldout') || name.startsWith('indicators');

function parseFile(file: string, limit?: number): CorpusItem[] {
  const items: CorpusItem[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim() || (limit !== undefined && items.length >= limit)) return;
    const r = JSON.parse(line) as Partial<CorpusItem>;
    if (typeof r.id !== 'string' || typeof r.text !== 'string' || !LABELS.includes(r.label as Label))
      throw new Error(`${path.basename(file)}:${i + 1}: a record needs id, text and a label (${LABELS.join(', ')})`);
    items.push({
      id: r.id,
      text: r.text,
      label: r.label as Label,
      lang: r.lang ?? 'ru',
      obfuscated: r.obfuscated === true,
      category: r.category ?? 'other',
      group: r.group ?? r.id,
      source: r.source ?? 'handwritten',
    });
  });
  return items;
}

/** The training corpus files of a folder, in name order (held-apart sets excluded). */
export function corpusFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !isHeldApart(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Loads the corpus; `limit` keeps only the first n records of each file. */
export function loadCorpus(dir: string, limit?: number): { items: CorpusItem[]; hash: string } {
  const hash = createHash('sha256');
  const items: CorpusItem[] = [];
  for (const file of corpusFiles(dir)) {
    const part = parseFile(file, limit);
    for (const it of part) hash.update(`${it.id}\t${it.label}\t${it.group}\t${it.text}\n`);
    items.push(...part);
  }
  return { items, hash: hash.digest('hex') };
}

/** The held-out set files of a folder (`heldout*.jsonl`), in name order: evaluated, never trained on. */
export function heldOutFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('heldout') && f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Loads one held-apart JSONL file (adversarial set), or [] when it does not exist. */
export function loadHeldApart(file: string): CorpusItem[] {
  return fs.existsSync(file) ? parseFile(file) : [];
}

/** The split of a group: a stable hash, 70% train, 15% validation, 15% test. */
export function splitOf(group: string): Split {
  const h = createHash('sha256').update(group).digest().readUInt32BE(0) % 100;
  return h < 70 ? 'train' : h < 85 ? 'validation' : 'test';
}
