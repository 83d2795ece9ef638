import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Platform } from '../../../kernel/platform.ts';

/** The feed's Ed25519 signing key, its public half (PEM) and a short id that changes with the key. */
export type FeedSigner = {
  keyId: string;
  publicKeyPem: string;
  /** Base64 Ed25519 signature over the exact bytes. */
  sign(body: Buffer | string): string;
};

// PKCS#8 DER prefix of an Ed25519 private key: the 32-byte seed follows it (RFC 8410)
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 private key from a PKCS#8 PEM or a 32-byte seed in hex. */
export function privateKeyFrom(material: string): KeyObject {
  const text = material.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(text, 'hex')]), format: 'der', type: 'pkcs8' })
    : createPrivateKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The feed signing key must be Ed25519, got ${key.asymmetricKeyType}`);
  return key;
}

/** Key id: the first 16 hex characters of the SHA-256 of the public key's SubjectPublicKeyInfo (DER). */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** A signer around one private key. */
export function createSigner(privateKey: KeyObject): FeedSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: String(publicKey.export({ format: 'pem', type: 'spki' })),
    sign: (body) => sign(null, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, privateKey).toString('base64'),
  };
}

/** Verifies a base64 Ed25519 signature of `body` against a PEM public key (what an ISP does). */
export function verifyFeedSignature(body: Buffer | string, signatureBase64: string, publicKeyPem: string): boolean {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  try {
    return verify(null, data, createPublicKey(publicKeyPem), Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** SHA-256 (hex) of a body's UTF-8 bytes. */
export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

const signers = new WeakMap<Platform, FeedSigner>();

/**
 * The platform's feed signer: TARTIP_FEED_SIGNING_KEY when set, else a key derived from the
 * platform's secret key (stable for one installation, never written anywhere).
 */
export function feedSigner(p: Platform): FeedSigner {
  let s = signers.get(p);
  if (!s) {
    const material = p.config.feedSigningKey ?? p.secrets.keyedHash('ed25519-seed-v1', 'om.feed.signing-key');
    s = createSigner(privateKeyFrom(material));
    signers.set(p, s);
  }
  return s;
}
