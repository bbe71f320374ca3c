/**
 * A plain shared secret in a header (`X-Webhook-Token: <secret>`), as simpler vendors send it.
 * Nothing is signed, so the body is not protected; the comparison is still constant-time.
 */
import { WebhookVerificationError } from '../errors.js';
import { readHeader } from '../headers.js';
import type { SignatureScheme } from '../scheme.js';

export interface SharedSecretSchemeConfig {
  readonly type: 'shared-secret';
  readonly header: string;
  /** Text before the secret, e.g. `Bearer `. */
  readonly prefix?: string;
  readonly idHeader?: string;
  readonly eventHeader?: string;
}

export function sharedSecretScheme(config: SharedSecretSchemeConfig): SignatureScheme {
  const prefix = config.prefix ?? '';
  return {
    name: 'shared-secret',
    eventHeader: config.eventHeader,
    key: (secret) => Buffer.from(secret),
    read(headers) {
      const raw = readHeader(headers, config.header);
      if (!raw) throw new WebhookVerificationError('CG_WEBHOOK_SIGNATURE_MISSING', `missing ${config.header} header`);
      const id = config.idHeader ? readHeader(headers, config.idHeader) : undefined;
      return { id: id || undefined, timestamp: undefined, signatures: raw.startsWith(prefix) ? [raw.slice(prefix.length)] : [] };
    },
    signature: (_message, key) => key.toString(),
    headers(message, keys) {
      const headers: Record<string, string> = { [config.header.toLowerCase()]: `${prefix}${keys[0]?.toString() ?? ''}` };
      if (config.idHeader) headers[config.idHeader.toLowerCase()] = message.id;
      return headers;
    },
  };
}
