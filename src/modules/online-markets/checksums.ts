import { createHash } from 'node:crypto';

/**
 * Checksums that separate real payment details from look-alike digit and letter strings:
 * Luhn (cards), Base58Check (Bitcoin legacy/P2SH, TRON), Bech32/Bech32m (Bitcoin segwit) and EIP-55
 * (Ethereum mixed-case, over Keccak-256). Encoders are here too: the corpus and the tests build
 * synthetic, checksum-valid values with them instead of copying anybody's real wallet.
 */

/** True when a digit string passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Appends the Luhn check digit to a digit string. */
export function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(body + String(d))) return body + String(d);
  throw new Error('unreachable');
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, i]));

const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

function base58Decode(s: string): Uint8Array | null {
  let n = 0n;
  for (const c of s) {
    const v = B58_INDEX.get(c);
    if (v === undefined) return null;
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.push(Number(n & 0xffn));
    n >>= 8n;
  }
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

function base58Encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out = `1${out}`;
  return out;
}

/** The version byte of a valid Base58Check string with a 20-byte payload, or null. */
export function base58CheckVersion(s: string): number | null {
  const raw = base58Decode(s);
  if (!raw || raw.length !== 25) return null;
  const body = raw.subarray(0, 21);
  const sum = sha256(sha256(body));
  for (let i = 0; i < 4; i++) if (sum[i] !== raw[21 + i]) return null;
  return body[0] ?? null;
}

/** Base58Check of version byte + 20-byte payload (synthetic addresses for tests and corpus). */
export function base58CheckEncode(version: number, payload: Uint8Array): string {
  const body = new Uint8Array(21);
  body[0] = version;
  body.set(payload.subarray(0, 20), 1);
  const sum = sha256(sha256(body));
  const full = new Uint8Array(25);
  full.set(body);
  full.set(sum.subarray(0, 4), 21);
  return base58Encode(full);
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (gen[i] ?? 0)) >>> 0;
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

/** True for a Bitcoin mainnet segwit address with a valid Bech32 (v0) or Bech32m (v1+) checksum. */
export function isValidBech32Address(addr: string): boolean {
  if (addr !== addr.toLowerCase() && addr !== addr.toUpperCase()) return false;
  const s = addr.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (sep !== 2 || s.slice(0, 2) !== 'bc' || s.length < 14 || s.length > 90) return false;
  const data: number[] = [];
  for (const c of s.slice(sep + 1)) {
    const v = BECH32.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  const version = data[0] ?? -1;
  if (version > 16) return false;
  const check = polymod([...hrpExpand('bc'), ...data]);
  if (check !== (version === 0 ? 1 : BECH32M_CONST)) return false;
  const programBits = (data.length - 7) * 5;
  const programBytes = Math.floor(programBits / 8);
  if (programBytes < 2 || programBytes > 40) return false;
  return version !== 0 || programBytes === 20 || programBytes === 32;
}

/** A segwit address for a witness version and program (synthetic values for tests and corpus). */
export function bech32Encode(version: number, program: Uint8Array): string {
  const data = [version];
  let acc = 0;
  let bits = 0;
  for (const b of program) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const mod = polymod([...hrpExpand('bc'), ...data, 0, 0, 0, 0, 0, 0]) ^ (version === 0 ? 1 : BECH32M_CONST);
  for (let i = 0; i < 6; i++) data.push((mod >>> (5 * (5 - i))) & 31);
  return `bc1${data.map((d) => BECH32[d]).join('')}`;
}

// Keccak-256 (the pre-standard padding Ethereum uses), on BigInt lanes: only mixed-case ETH addresses
// need it, so clarity beats speed here.
const RC = [
  0x1n,
  0x8082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x808bn,
  0x80000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x8an,
  0x88n,
  0x80008009n,
  0x8000000an,
  0x8000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x80000001n,
  0x8000000080008008n,
];
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const MASK = (1n << 64n) - 1n;
const rotl = (v: bigint, n: number): bigint => (n === 0 ? v : ((v << BigInt(n)) | (v >> BigInt(64 - n))) & MASK);

function keccakF(a: bigint[]): void {
  const b = new Array<bigint>(25).fill(0n);
  const c = new Array<bigint>(5).fill(0n);
  for (const rc of RC) {
    for (let x = 0; x < 5; x++) c[x] = a[x]! ^ a[x + 5]! ^ a[x + 10]! ^ a[x + 15]! ^ a[x + 20]!;
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5]! ^ rotl(c[(x + 1) % 5]!, 1);
      for (let y = 0; y < 25; y += 5) a[x + y] = a[x + y]! ^ d;
    }
    for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y]!, ROT[x + 5 * y]!);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 25; y += 5) a[x + y] = b[x + y]! ^ (~b[((x + 1) % 5) + y]! & MASK & b[((x + 2) % 5) + y]!);
    a[0] = a[0]! ^ rc;
  }
}

/** Keccak-256 digest (as used by Ethereum) of a byte string, as lower-case hex. */
export function keccak256Hex(input: Uint8Array): string {
  const rate = 136;
  const padded = new Uint8Array(Math.floor(input.length / rate + 1) * rate);
  padded.set(input);
  padded[input.length] = (padded[input.length] ?? 0) ^ 0x01;
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) ^ 0x80;
  const state = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let lane = 0n;
      for (let j = 7; j >= 0; j--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + j] ?? 0);
      state[i] = state[i]! ^ lane;
    }
    keccakF(state);
  }
  let hex = '';
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 8; j++)
      hex += Number((state[i]! >> BigInt(8 * j)) & 0xffn)
        .toString(16)
        .padStart(2, '0');
  return hex;
}

/** The EIP-55 mixed-case form of a 40-hex-digit Ethereum address (without or with 0x). */
export function toEip55(address: string): string {
  const lower = address.replace(/^0x/i, '').toLowerCase();
  const hash = keccak256Hex(Buffer.from(lower, 'ascii'));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    out += parseInt(hash[i]!, 16) >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

/** True for 0x + 40 hex digits: all-lower or all-upper case, or mixed case with a valid EIP-55 checksum. */
export function isValidEthAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const body = address.slice(2);
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toEip55(body) === address;
}
