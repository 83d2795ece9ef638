import { SaxesParser, type SaxesTagNS } from 'saxes';
import { CHANNELS } from './engine/types.ts';

/** ISO 20022 FIToFICustomerCreditTransfer namespaces accepted: pacs.008.001.02 to .10. */
export const PACS008_NS = /^urn:iso:std:iso:20022:tech:xsd:pacs\.008\.001\.(\d{2})$/;
const MIN_VERSION = 2;
const MAX_VERSION = 10;
/** Longest text kept per element, and elements kept per transaction (hostile input stays bounded). */
const MAX_TEXT = 256;
const MAX_PATHS = 300;

/** A document that is not well-formed XML or not a pacs.008 message: nothing of it may be written. */
export class Pacs008Error extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`malformed pacs.008 at line ${line}, column ${column}: ${message}`);
    this.name = 'Pacs008Error';
  }
}

/** One CdtTrfTxInf as the nine transaction fields (CSV column order) and the line it starts on. */
export type PacsRecord = { index: number; line: number; fields: string[] };

const CHANNEL_NAMES = new Set<string>(CHANNELS);

/** Maps one transaction's captured element texts (paths relative to CdtTrfTxInf) to the CSV fields. */
export function recordFields(v: ReadonlyMap<string, string>, group: ReadonlyMap<string, string>): string[] {
  const get = (...paths: string[]) => {
    for (const p of paths) {
      const x = v.get(p)?.trim();
      if (x) return x;
    }
    return '';
  };
  const e2e = get('PmtId/EndToEndId');
  const txId = get('PmtId/TxId') || (e2e.toUpperCase() === 'NOTPROVIDED' ? '' : e2e) || get('PmtId/UETR');
  const settled = get('IntrBkSttlmDt') || group.get('GrpHdr/IntrBkSttlmDt')?.trim() || '';
  // A settlement date alone has no time: noon in Kazakhstan (UTC+5), so it never counts as night activity.
  const timestamp = get('AccptncDtTm') || (settled ? `${settled}T12:00:00+05:00` : group.get('GrpHdr/CreDtTm')?.trim() || '');
  const account = (side: 'Dbtr' | 'Cdtr') => get(`${side}Acct/Id/IBAN`, `${side}Acct/Id/Othr/Id`, `${side}Acct/Prxy/Id`);
  const bank = (side: 'Dbtr' | 'Cdtr') =>
    get(`${side}Agt/FinInstnId/BICFI`, `${side}Agt/FinInstnId/BIC`, `${side}Agt/FinInstnId/ClrSysMmbId/MmbId`);
  const channelCandidates = ['PmtTpInf/LclInstrm/Prtry', 'PmtTpInf/LclInstrm/Cd', 'PmtTpInf/CtgyPurp/Prtry', 'PmtTpInf/CtgyPurp/Cd'];
  const channel = channelCandidates.map((p) => v.get(p)?.trim().toLowerCase() ?? '').find((c) => CHANNEL_NAMES.has(c)) ?? 'bank_transfer';
  return [
    txId,
    timestamp,
    account('Dbtr'),
    account('Cdtr'),
    get('IntrBkSttlmAmt'),
    get('IntrBkSttlmAmt@Ccy'),
    channel,
    bank('Dbtr'),
    bank('Cdtr'),
  ];
}

/**
 * A streaming pacs.008 reader over `saxes`: write text chunks, get one record per CdtTrfTxInf as soon as
 * it closes; memory holds one transaction, never the document. Throws Pacs008Error (line, column) on the
 * first well-formedness or structure problem; a DOCTYPE is refused (no entity expansion at all).
 */
export class Pacs008Reader {
  private readonly sax = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: string[] = [];
  private readonly group = new Map<string, string>();
  private tx: Map<string, string> | null = null;
  private txDepth = -1;
  private txLine = 0;
  private count = 0;
  /** The message version (2–10) once the root element was read. */
  version: number | null = null;

  constructor(private readonly onRecord: (r: PacsRecord) => void) {
    const s = this.sax;
    s.on('error', (e) => {
      throw new Pacs008Error(e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''), s.line, s.column + 1);
    });
    s.on('doctype', () => this.fail('a DOCTYPE is not allowed'));
    s.on('opentag', (t) => this.open(t as SaxesTagNS));
    s.on('closetag', () => this.close());
    s.on('text', (x) => this.text(x));
    s.on('cdata', (x) => this.text(x));
  }

  private fail(message: string): never {
    throw new Pacs008Error(message, this.sax.line, this.sax.column + 1);
  }

  private open(t: SaxesTagNS): void {
    const depth = this.stack.length;
    if (depth === 0) {
      const m = PACS008_NS.exec(t.uri);
      const v = m ? Number(m[1]) : NaN;
      if (t.local !== 'Document' || !(v >= MIN_VERSION && v <= MAX_VERSION))
        this.fail(`not a pacs.008.001.02–.10 Document (root ${t.local}, namespace "${t.uri}")`);
      this.version = v;
    } else if (depth === 1 && t.local !== 'FIToFICstmrCdtTrf') this.fail(`expected FIToFICstmrCdtTrf, found ${t.local}`);
    this.stack.push(t.local);
    if (depth === 2 && t.local === 'CdtTrfTxInf') {
      this.tx = new Map();
      this.txDepth = this.stack.length;
      this.txLine = this.sax.line;
    } else if (this.tx) {
      const path = this.stack.slice(this.txDepth).join('/');
      for (const a of Object.values(t.attributes)) if (a.local === 'Ccy') this.put(this.tx, `${path}@Ccy`, a.value);
    }
  }

  private put(m: Map<string, string>, key: string, value: string): void {
    if (m.size >= MAX_PATHS && !m.has(key)) this.fail('too many elements in one transaction');
    m.set(key, ((m.get(key) ?? '') + value).slice(0, MAX_TEXT));
  }

  private text(x: string): void {
    if (this.tx && this.stack.length > this.txDepth) this.put(this.tx, this.stack.slice(this.txDepth).join('/'), x);
    else if (this.stack[2] === 'GrpHdr' && this.stack.length === 4) this.put(this.group, `GrpHdr/${this.stack[3]}`, x);
  }

  private close(): void {
    if (this.tx && this.stack.length === this.txDepth) {
      this.onRecord({ index: this.count++, line: this.txLine, fields: recordFields(this.tx, this.group) });
      this.tx = null;
    }
    this.stack.pop();
  }

  /** Feeds the next chunk of the document. */
  write(chunk: string): void {
    this.sax.write(chunk);
  }

  /** Ends the document: throws when it was empty or incomplete. Returns the number of transactions. */
  end(): number {
    this.sax.close();
    if (this.version === null) this.fail('empty document');
    return this.count;
  }
}

/** Reads a whole pacs.008 from text chunks (strings or UTF-8 buffers), calling `onRecord` per transaction. */
export async function readPacs008(
  source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  onRecord: (r: PacsRecord) => void | Promise<void>,
) {
  const pending: PacsRecord[] = [];
  const reader = new Pacs008Reader((r) => pending.push(r));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const drain = async () => {
    for (const r of pending.splice(0)) await onRecord(r);
  };
  for await (const chunk of source) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new Pacs008Error('not valid UTF-8', 0, 0);
    }
    reader.write(text);
    await drain();
  }
  const count = reader.end();
  await drain();
  return { count, version: reader.version };
}
