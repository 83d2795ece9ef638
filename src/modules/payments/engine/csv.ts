import { CASH, CH, CHANNELS, type Channel, type RowIssue, type Tx } from './types.ts';

/** Expected header of the transactions CSV. */
export const TX_COLUMNS = [
  'tx_id',
  'timestamp',
  'payer_account',
  'payee_account',
  'amount',
  'currency',
  'channel',
  'payer_bank',
  'payee_bank',
];

/** Largest amount accepted for one transfer (KZT); above is treated as a data error. */
export const MAX_AMOUNT = 1e9;
/** Longest tx_id or account, and bank code, as on the API (payments.schema.ts uses the same numbers). */
export const MAX_ID_LENGTH = 64;
export const MAX_BANK_LENGTH = 32;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const MAX_QUOTED_NEWLINES = 16;

/**
 * Splits a byte stream into CSV records: LF or CRLF line ends, a UTF-8 BOM at the very start, and
 * newlines inside double-quoted fields. Feed chunks in order, then call `end()`. Each record comes with
 * the 1-based line where it starts. Holds at most one partial record between chunks.
 */
export class RecordSplitter {
  private carry: Buffer | null = null;
  private line = 1;
  private isFirst = true;
  constructor(private readonly onRecord: (buf: Buffer, start: number, end: number, line: number) => void) {}

  feed(chunk: Buffer): void {
    // A partial record left from the last chunk is completed from the head of this one, so the big
    // chunk itself is scanned in place (no copy of a megabyte per chunk).
    let from = 0;
    while (this.carry && from < chunk.length) {
      const nl = chunk.indexOf(LF, from);
      const to = nl === -1 ? chunk.length : nl + 1;
      const head = Buffer.concat([this.carry, chunk.subarray(from, to)]);
      this.carry = null;
      this.scan(head);
      from = to;
    }
    if (from < chunk.length) this.scan(from === 0 ? chunk : chunk.subarray(from));
  }

  private scan(buf: Buffer): void {
    let start = 0;
    if (this.isFirst) {
      if (buf.length < 3) {
        this.carry = buf;
        return;
      }
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
      this.isFirst = false;
    }
    let inQuotes = false;
    let newlines = 0;
    const n = buf.length;
    for (let i = start; i < n; i++) {
      const c = buf[i];
      // A quote opens a field only at its start; a stray quote inside a field is literal.
      if (c === QUOTE) {
        if (inQuotes || i === start || buf[i - 1] === COMMA) inQuotes = !inQuotes;
      } else if (c === LF) {
        // A quoted field may hold newlines, but an unclosed quote must not swallow the rest of the file.
        if (inQuotes && newlines < MAX_QUOTED_NEWLINES) {
          newlines++;
          continue;
        }
        inQuotes = false;
        const end = i > start && buf[i - 1] === CR ? i - 1 : i;
        this.onRecord(buf, start, end, this.line);
        this.line += newlines + 1;
        newlines = 0;
        start = i + 1;
      }
    }
    if (start < n) this.carry = Buffer.from(buf.subarray(start));
  }

  end(): void {
    if (this.isFirst && this.carry) {
      const b = this.carry;
      this.carry = null;
      this.isFirst = false;
      const s = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
      if (s < b.length) this.scan(b.subarray(s));
    }
    if (this.carry && this.carry.length > 0) {
      const b = this.carry;
      this.carry = null;
      const end = b[b.length - 1] === CR ? b.length - 1 : b.length;
      this.onRecord(b, 0, end, this.line);
    }
  }
}

/** Splits one record into fields; double quotes group and `""` escapes a quote. Fields are trimmed. */
export function splitFields(buf: Buffer, start: number, end: number): string[] {
  // Fast path for a record without quotes: one decode of the record, split natively. (Only this record
  // is looked at: searching the rest of the chunk for a quote cost a scan of up to a megabyte per record.)
  const text = buf.toString('utf8', start, end);
  if (text.indexOf('"') === -1) {
    const out = text.split(',');
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as string).trim();
    return out;
  }
  const out: string[] = [];
  let field: number[] = [];
  let inQuotes = false;
  let atStart = true;
  const flush = () => {
    out.push(Buffer.from(field).toString('utf8').trim());
    field = [];
    atStart = true;
  };
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          field.push(QUOTE);
          i++;
        } else inQuotes = false;
      } else field.push(c);
      continue;
    }
    if (c === QUOTE && atStart) inQuotes = true;
    else if (c === COMMA) {
      flush();
      continue;
    } else field.push(c);
    atStart = false;
  }
  flush();
  return out;
}

function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an ISO 8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:]MM]` (a space is accepted for `T`;
 * no offset means UTC). Returns epoch ms and the hour as written, or null.
 */
export function parseTimestamp(s: string): { ts: number; hour: number } | null {
  if (s.length < 16 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return null;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > (DAYS_IN_MONTH[mo - 1] ?? 0) || h < 0 || h > 23 || mi < 0 || mi > 59) return null;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    sec = digits(s, i + 1, 2);
    if (sec < 0 || sec > 59) return null;
    i += 3;
    if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
      i++;
      let scale = 100;
      const from = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
        ms += (s.charCodeAt(i) - 48) * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return null;
      ms = Math.floor(ms);
    }
  }
  let offsetMin = 0;
  if (i < s.length) {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i === s.length - 1) offsetMin = 0;
    else if (c === 43 || c === 45) {
      const rest = s.length - i - 1;
      const oh = digits(s, i + 1, 2);
      const om = rest === 5 && s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, 2) : rest === 4 ? digits(s, i + 3, 2) : rest === 2 ? 0 : -1;
      if (oh < 0 || oh > 14 || om < 0 || om > 59) return null;
      offsetMin = (c === 43 ? 1 : -1) * (oh * 60 + om);
    } else return null;
  }
  const ts = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60000;
  return Number.isFinite(ts) ? { ts, hour: h } : null;
}

let isoDay = -1;
let isoDayText = '';
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/**
 * The same text as `new Date(ms).toISOString()` (1970–9999), a few times faster: the date part is kept
 * while rows stay on one day, as they do in a time-ordered file.
 */
export function isoTimestamp(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== isoDay) {
    isoDay = day;
    isoDayText = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  let r = ms - day * 86_400_000;
  const milli = r % 1000;
  r = (r - milli) / 1000;
  const sec = r % 60;
  r = (r - sec) / 60;
  const min = r % 60;
  const hour = (r - min) / 60;
  return `${isoDayText}${pad2(hour)}:${pad2(min)}:${pad2(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** Parses a plain decimal amount (`12500`, `12500.50`); anything else is NaN. */
export function parseAmount(s: string): number {
  if (s.length === 0 || s.length > 20) return NaN;
  let v = 0;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45) return -1; // negative
  if (c === 43) i = 1;
  const from = i;
  for (; i < s.length; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i === from) return NaN;
  if (i < s.length) {
    if (s.charCodeAt(i) !== 46) return NaN;
    i++;
    let scale = 0.1;
    const f = i;
    for (; i < s.length; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NaN;
      v += c * scale;
      scale /= 10;
    }
    if (i === f) return NaN;
  }
  return v;
}

const CHANNEL_CODES = new Map<string, number>(Object.entries(CH));

/** Channel code for a name (case-insensitive), or -1. */
export function channelCode(name: string): number {
  return CHANNEL_CODES.get(name) ?? CHANNEL_CODES.get(name.toLowerCase()) ?? -1;
}

/** True when the fields are the header row. */
export function isHeader(fields: readonly string[]): boolean {
  return fields[0]?.toLowerCase() === 'tx_id' && fields[1]?.toLowerCase() === 'timestamp';
}

// (a plain function, not a closure per row: the row path runs a million times a second)
const issue = (line: number, message: string): RowIssue => ({ line, message });

/** Validates one record's fields into a transaction, or the reason it is rejected. Messages never echo ids. */
export function parseTxFields(f: readonly string[], line: number): Tx | RowIssue {
  if (f.length !== TX_COLUMNS.length) return issue(line, `expected ${TX_COLUMNS.length} columns, found ${f.length}`);
  const [id, tsText, payer, payee, amountText, currency, channelText, payerBank, payeeBank] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!id) return issue(line, 'empty tx_id');
  if (id.length > MAX_ID_LENGTH || payer.length > MAX_ID_LENGTH || payee.length > MAX_ID_LENGTH)
    return issue(line, `tx_id or account longer than ${MAX_ID_LENGTH} characters`);
  if (payerBank.length > MAX_BANK_LENGTH || payeeBank.length > MAX_BANK_LENGTH)
    return issue(line, `bank code longer than ${MAX_BANK_LENGTH} characters`);
  if (currency.length !== 3) return issue(line, 'currency must be a 3-letter code');
  if (!payer) return issue(line, 'empty payer_account');
  if (!payee) return issue(line, 'empty payee_account');
  if (payer === payee) return issue(line, 'payer_account equals payee_account');
  if (payer === CASH) return issue(line, 'payer_account cannot be CASH');
  const t = parseTimestamp(tsText);
  if (!t) return issue(line, 'bad timestamp (expected ISO 8601 with offset)');
  const channel = channelCode(channelText);
  if (channel < 0) return issue(line, `unknown channel (expected one of ${Object.keys(CH).join(', ')})`);
  const amount = parseAmount(amountText);
  if (Number.isNaN(amount)) return issue(line, 'amount is not a number');
  if (amount <= 0) return issue(line, 'amount must be positive');
  if (amount > MAX_AMOUNT) return issue(line, `amount above ${MAX_AMOUNT} (absurd)`);
  return { id, ts: t.ts, localHour: t.hour, payer, payee, amount, currency, channel, payerBank, payeeBank, line };
}

/** True when a parse result is a row issue. */
export function isIssue(r: Tx | RowIssue): r is RowIssue {
  return (r as Tx).id === undefined;
}

/** Channel name for a code. */
export function channelName(code: number): Channel {
  return CHANNELS[code] as Channel;
}
