/** One synthetic credit transfer for a generated pacs.008 fixture. */
export type PacsFixtureTx = {
  txId?: string;
  endToEndId?: string;
  accepted?: string;
  settled?: string;
  amount: string;
  ccy?: string;
  debtor: { iban?: string; other?: string };
  creditor: { iban?: string; other?: string };
  debtorBic?: string;
  creditorBic?: string;
  localInstrument?: string;
  categoryPurpose?: string;
};

const acct = (a: { iban?: string; other?: string }) =>
  a.iban ? `<Id><IBAN>${a.iban}</IBAN></Id>` : `<Id><Othr><Id>${a.other ?? ''}</Id></Othr></Id>`;

/** Builds a synthetic pacs.008 document (FIToFICstmrCdtTrf) in the given message version (default 08). */
export function pacs008Xml(txs: readonly PacsFixtureTx[], version = '08'): string {
  const body = txs
    .map(
      (t) => `
    <CdtTrfTxInf>
      <PmtId>${t.endToEndId ? `<EndToEndId>${t.endToEndId}</EndToEndId>` : ''}${t.txId ? `<TxId>${t.txId}</TxId>` : ''}</PmtId>
      ${t.localInstrument || t.categoryPurpose ? `<PmtTpInf>${t.localInstrument ? `<LclInstrm><Prtry>${t.localInstrument}</Prtry></LclInstrm>` : ''}${t.categoryPurpose ? `<CtgyPurp><Cd>${t.categoryPurpose}</Cd></CtgyPurp>` : ''}</PmtTpInf>` : ''}
      <IntrBkSttlmAmt Ccy="${t.ccy ?? 'KZT'}">${t.amount}</IntrBkSttlmAmt>
      ${t.settled ? `<IntrBkSttlmDt>${t.settled}</IntrBkSttlmDt>` : ''}
      ${t.accepted ? `<AccptncDtTm>${t.accepted}</AccptncDtTm>` : ''}
      <ChrgBr>SLEV</ChrgBr>
      <DbtrAgt><FinInstnId><BICFI>${t.debtorBic ?? 'CASPKZKA'}</BICFI></FinInstnId></DbtrAgt>
      <Dbtr><Nm>Synthetic payer</Nm></Dbtr>
      <DbtrAcct>${acct(t.debtor)}</DbtrAcct>
      <CdtrAgt><FinInstnId><BICFI>${t.creditorBic ?? 'HSBKKZKX'}</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Synthetic payee</Nm></Cdtr>
      <CdtrAcct>${acct(t.creditor)}</CdtrAcct>
    </CdtTrfTxInf>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.${version}">
  <FIToFICstmrCdtTrf>
    <GrpHdr><MsgId>SYNTH-${txs.length}</MsgId><CreDtTm>2025-09-01T10:00:00+05:00</CreDtTm><NbOfTxs>${txs.length}</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>${body}
  </FIToFICstmrCdtTrf>
</Document>
`;
}
