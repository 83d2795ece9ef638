import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

/**
 * Keys for encrypting secrets at rest (TOTP seeds) and for keyed hashes (payment identifiers).
 * Production: TARTIP_SECRET_KEY (64 hex chars) from the environment. Embedded default: a key file
 * created once in the data folder, never in the repository.
 */
export type Secrets = {
  encrypt(plain: string): string;
  decrypt(box: string): string;
  keyedHash(value: string, purpose: string): string;
};

function resolveKey(config: Config): Buffer {
  const env = process.env.TARTIP_SECRET_KEY;
  if (env) {
    if (!/^[0-9a-fA-F]{64}$/.test(env)) throw new Error('TARTIP_SECRET_KEY must be 64 hexadecimal characters (32 bytes)');
    return Buffer.from(env, 'hex');
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

export function createSecrets(key: Buffer): Secrets {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const enc = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${iv.toString('base64url')}.${enc.toString('base64url')}.${c.getAuthTag().toString('base64url')}`;
    },
    decrypt(box) {
      const [v, iv, enc, tag] = box.split('.');
      if (v !== 'v1' || !iv || !enc || !tag) throw new Error('Unreadable secret box');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(enc, 'base64url')), d.final()]).toString('utf8');
    },
    keyedHash(value, purpose) {
      return createHmac('sha256', key).update(purpose).update('\0').update(value).digest('hex');
    },
  };
}

export function loadSecrets(config: Config): Secrets {
  return createSecrets(resolveKey(config));
}
