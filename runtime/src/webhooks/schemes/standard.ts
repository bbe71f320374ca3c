/**
 * Standard Webhooks (standardwebhooks.com, v1): `webhook-id`, `webhook-timestamp` (Unix seconds)
 * and `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>` over
 * `<id>.<timestamp>.<body>`. Secrets are `whsec_` + base64 of the key bytes. Several `v1,` entries
 * let a sender sign with the old and the new key while a rotation is under way.
 */
import { createHmac } from 'node:crypto';
import { WebhookVerificationError } from '../errors.js';
import { readHeader, type HeaderSource } from '../headers.js';
import type { ReceivedSignature, SignatureScheme, SignedMessage } from '../scheme.js';

const PREFIX = 'whsec_';

export function standardScheme(): SignatureScheme {
  return {
    name: 'standard',
    eventHeader: undefined,
    key(secret) {
      if (typeof secret !== 'string') return Buffer.from(secret);
      const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
      if (key.length === 0) throw new WebhookVerificationError('CG_WEBHOOK_CONFIG', 'webhook secret is empty (expected whsec_ followed by base64)');
      return key;
    },
    read(headers: HeaderSource): ReceivedSignature {
      const id = readHeader(headers, 'webhook-id');
      const timestamp = readHeader(headers, 'webhook-timestamp');
      const signature = readHeader(headers, 'webhook-signature');
      if (!id || !timestamp || !signature) {
        throw new WebhookVerificationError('CG_WEBHOOK_SIGNATURE_MISSING', 'missing webhook-id, webhook-timestamp or webhook-signature header');
      }
      if (!/^\d{1,12}$/.test(timestamp.trim())) {
        throw new WebhookVerificationError('CG_WEBHOOK_TIMESTAMP', `webhook-timestamp is not Unix seconds: ${JSON.stringify(timestamp.slice(0, 40))}`);
      }
      const signatures = signature
        .split(' ')
        .filter((s) => s.startsWith('v1,'))
        .map((s) => s.slice(3));
      return { id, timestamp: Number(timestamp.trim()), signatures };
    },
    signature(message: SignedMessage, key: Buffer): string {
      return createHmac('sha256', key).update(`${message.id}.${message.timestamp}.`).update(message.body).digest('base64');
    },
    headers(message, keys) {
      return {
        'webhook-id': message.id,
        'webhook-timestamp': String(message.timestamp),
        'webhook-signature': keys.map((key) => `v1,${this.signature(message, key)}`).join(' '),
      };
    },
  };
}
