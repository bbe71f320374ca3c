/**
 * Secrets at rest: connection credentials and tokens are sealed with AES-256-GCM under a key from
 * the environment (`CONNECTGEN_SECRET_KEY`: 32 bytes, base64 or hex) before they reach the store,
 * so the database file alone reveals nothing. GCM also authenticates: a value sealed under another
 * key, or edited in the file, fails to open instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SyncError } from '../errors.js';

export const SECRET_KEY_ENV = 'CONNECTGEN_SECRET_KEY';

export interface SecretBox {
  seal(value: unknown): string;
  open(sealed: string): unknown;
}

export function secretKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  const text = env[SECRET_KEY_ENV];
  const key = text === undefined ? undefined : /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (!key || key.length !== 32) {
    throw new SyncError('CG_SYNC_SECRET_KEY', `${SECRET_KEY_ENV} must hold a 32-byte key (base64 or hex)`, {
      hint: `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))", and keep it out of the store`,
    });
  }
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      try {
        if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8'));
      } catch (error) {
        throw new SyncError('CG_SYNC_SECRET_KEY', 'a stored secret cannot be decrypted with this key', {
          hint: `${SECRET_KEY_ENV} must be the key the connection was saved with`,
          cause: error,
        });
      }
    },
  };
}
