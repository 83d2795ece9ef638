import { CH, type Channel, type Tx } from './types.ts';

/** Test clock origin: 1 September 2025, 10:00 in Almaty (+05:00). */
export const T0 = Date.UTC(2025, 8, 1, 5);
export const MIN = 60_000;

/**
 * A test transaction factory: `tx(minutes after T0, payer, payee, amount, channel, payer bank)`, ids
 * `<prefix>1`, `<prefix>2`… The local hour follows +05:00 unless `localHour` fixes it.
 */
export function txMaker(prefix: string, opts: { localHour?: number } = {}) {
  let seq = 0;
  return (minutes: number, payer: string, payee: string, amount: number, channel: Channel = 'card_p2p', bank = 'HALYK'): Tx => {
    const ts = T0 + minutes * MIN;
    return {
      id: `${prefix}${++seq}`,
      ts,
      localHour: opts.localHour ?? new Date(ts + 5 * 3_600_000).getUTCHours(),
      payer,
      payee,
      amount,
      currency: 'KZT',
      channel: CH[channel],
      payerBank: bank,
      payeeBank: 'KASPI',
      line: 0,
    };
  };
}
