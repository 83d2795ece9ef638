import { z } from 'zod';
import type { IntakeItem } from './intake.service.ts';
import type { SubmissionSource } from './tables.ts';
import { locatorOf } from './text.ts';

export type FileFormat = 'txt' | 'csv' | 'jsonl';
export type ParsedLine = { line: number; item: IntakeItem } | { line: number; error: string };

const JsonLine = z
  .object({
    id: z.union([z.string().trim().min(1).max(200), z.number().int()]).optional(),
    text: z.string().max(20000).optional(),
    url: z.string().max(2000).optional(),
    handle: z.string().max(100).optional(),
    html: z.string().max(1_000_000).optional(),
    regionCode: z
      .string()
      .regex(/^KZ-\d{2}$/)
      .optional(),
  })
  .refine((o) => Boolean(o.text?.trim() || o.url?.trim() || o.handle?.trim() || o.html?.trim()), 'needs text, url, handle or html');

/** A single line or value as an intake item: a URL or handle becomes that locator, anything else text. */
export function itemOf(value: string, source: SubmissionSource, extra: Partial<IntakeItem> = {}): IntakeItem {
  const loc = locatorOf(value);
  return { source, inputKind: loc ? (loc.kind === 'telegram' ? 'telegram' : 'url') : 'text', input: value, ...extra };
}

/** Splits a CSV line (RFC 4180 quotes, comma or semicolon). */
export function splitCsv(line: string, sep: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) return null;
  out.push(cur);
  return out;
}

function fromRecord(o: z.infer<typeof JsonLine>, source: SubmissionSource): IntakeItem {
  const externalId = o.id === undefined ? null : String(o.id);
  const regionCode = o.regionCode ?? null;
  if (o.url?.trim() || o.handle?.trim()) {
    const value = (o.url ?? o.handle ?? '').trim();
    const loc = locatorOf(o.handle && !o.handle.startsWith('@') && !o.handle.includes('/') ? `@${o.handle.trim()}` : value);
    return {
      source,
      inputKind: loc?.kind === 'telegram' ? 'telegram' : 'url',
      input: value,
      text: [o.text, o.html].filter(Boolean).join('\n') || null,
      externalId,
      regionCode,
    };
  }
  if (o.html?.trim()) return { source, inputKind: 'html', input: o.html, externalId, regionCode };
  return { ...itemOf(o.text ?? '', source), externalId, regionCode };
}

/**
 * Parses an uploaded file into items with their line numbers (1-based); a bad line becomes an error
 * for that line only. CSV needs a header naming at least one of id, text, url, handle.
 */
export function parseFile(content: string, format: FileFormat, source: SubmissionSource, requireId: boolean): ParsedLine[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: ParsedLine[] = [];
  let header: string[] | null = null;
  let sep = ',';
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    if (raw.includes('\u0000') || raw.includes('\uFFFD')) return void out.push({ line, error: 'binary or invalid UTF-8 content' });
    if (format === 'txt') return void out.push({ line, item: itemOf(raw.trim(), source) });
    let record: unknown;
    if (format === 'csv') {
      if (!header) {
        sep = raw.split(';').length > raw.split(',').length ? ';' : ',';
        header = (splitCsv(raw, sep) ?? []).map((h) => h.trim().toLowerCase());
        if (!header.some((h) => ['text', 'url', 'handle'].includes(h))) {
          header = null;
          return void out.push({ line, error: 'CSV header must name a text, url or handle column' });
        }
        return;
      }
      const cells = splitCsv(raw, sep);
      if (!cells) return void out.push({ line, error: 'unbalanced quotes' });
      record = Object.fromEntries(header.map((h, i) => [h, cells[i]?.trim() ?? '']).filter(([, v]) => v !== ''));
    } else {
      try {
        record = JSON.parse(raw);
      } catch (e) {
        return void out.push({ line, error: `malformed JSON: ${(e as Error).message.slice(0, 120)}` });
      }
    }
    const parsed = JsonLine.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void out.push({ line, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
    }
    if (requireId && parsed.data.id === undefined) return void out.push({ line, error: 'id: required for partner batches' });
    out.push({ line, item: fromRecord(parsed.data, source) });
  });
  return out;
}

/** An analyst's paste: one item per line when every line is a URL or handle, else the whole text as one ad. */
export function parsePaste(text: string, split: 'auto' | 'lines' | 'none', source: SubmissionSource): ParsedLine[] {
  const lines = text.split(/\r?\n/).map((l, i) => ({ l: l.trim(), line: i + 1 }));
  const filled = lines.filter((x) => x.l);
  const perLine = split === 'lines' || (split === 'auto' && filled.length > 0 && filled.every((x) => locatorOf(x.l) !== null));
  if (!perLine) return [{ line: 1, item: itemOf(text.trim(), source) }];
  return filled.map((x) => ({ line: x.line, item: itemOf(x.l, source) }));
}
