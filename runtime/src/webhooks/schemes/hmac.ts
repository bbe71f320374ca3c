/**
 * A vendor's own HMAC header, configured rather than coded: which header carries the signature,
 * its prefix (`sha256=`), hex or base64, which algorithm, and what is signed (a template over
 * `{id}`, `{timestamp}` and `{body}`; the body alone by default). GitHub's `X-Hub-Signature-256`
 * is the preset `github`; Slack's `v0=` over `v0:{timestamp}:{body}` is one config away.
 */
import { createHmac } from 'node:crypto';
import { WebhookVerificationError } from '../errors.js';
import { readHeader, type HeaderSource } from '../headers.js';
import type { ReceivedSignature, SignatureScheme, SignedMessage } from '../scheme.js';

export interface HmacSchemeConfig {
  readonly type: 'hmac';
  /** Header carrying the signature, e.g. `X-Hub-Signature-256`. */
  readonly header: string;
  /** Text before the signature in the header, e.g. `sha256=`. */
  readonly prefix?: string;
  readonly encoding?: 'hex' | 'base64';
  readonly algorithm?: 'sha256' | 'sha512' | 'sha1';
  /** What is signed; default `{body}`. */
  readonly signedContent?: string;
  /** Header with a message id (replay protection), e.g. `X-GitHub-Delivery`. */
  readonly idHeader?: string;
  /** Header with Unix seconds (tolerance window); required when `signedContent` uses `{timestamp}`. */
  readonly timestampHeader?: string;
  /** Header naming the event type, e.g. `X-GitHub-Event`. */
  readonly eventHeader?: string;
}

export const GITHUB: HmacSchemeConfig = {
  type: 'hmac',
  header: 'x-hub-signature-256',
  prefix: 'sha256=',
  encoding: 'hex',
  algorithm: 'sha256',
  idHeader: 'x-github-delivery',
  eventHeader: 'x-github-event',
};

export function hmacScheme(config: HmacSchemeConfig, name = 'hmac'): SignatureScheme {
  const prefix = config.prefix ?? '';
  const encoding = config.encoding ?? 'hex';
  const algorithm = config.algorithm ?? 'sha256';
  const template = config.signedContent ?? '{body}';
  if (template.includes('{timestamp}') && !config.timestampHeader) {
    throw new WebhookVerificationError('CG_WEBHOOK_CONFIG', 'signedContent uses {timestamp} but no timestampHeader is configured');
  }
  const [before, after] = splitAtBody(template);
  const fill = (text: string, m: SignedMessage): string => text.replaceAll('{id}', m.id).replaceAll('{timestamp}', String(m.timestamp));
  return {
    name,
    eventHeader: config.eventHeader,
    key: (secret) => Buffer.from(secret),
    read(headers: HeaderSource): ReceivedSignature {
      const raw = readHeader(headers, config.header);
      if (!raw) throw new WebhookVerificationError('CG_WEBHOOK_SIGNATURE_MISSING', `missing ${config.header} header`);
      let timestamp: number | undefined;
      if (config.timestampHeader) {
        const text = readHeader(headers, config.timestampHeader)?.trim();
        if (!text || !/^\d{1,12}$/.test(text)) {
          throw new WebhookVerificationError('CG_WEBHOOK_TIMESTAMP', `${config.timestampHeader} is missing or not Unix seconds`);
        }
        timestamp = Number(text);
      }
      const id = config.idHeader ? readHeader(headers, config.idHeader) : undefined;
      const signatures = raw
        .split(/[ ,]+/)
        .filter((s) => s.startsWith(prefix))
        .map((s) => s.slice(prefix.length));
      return { id: id || undefined, timestamp, signatures };
    },
    signature(message, key) {
      const hmac = createHmac(algorithm, key);
      hmac.update(fill(before, message));
      if (after !== undefined) hmac.update(message.body).update(fill(after, message));
      return hmac.digest(encoding);
    },
    headers(message, keys) {
      const headers: Record<string, string> = {
        [config.header.toLowerCase()]: keys.map((key) => `${prefix}${this.signature(message, key)}`).join(' '),
      };
      if (config.idHeader) headers[config.idHeader.toLowerCase()] = message.id;
      if (config.timestampHeader) headers[config.timestampHeader.toLowerCase()] = String(message.timestamp);
      return headers;
    },
  };
}

/** The template around `{body}`, so the body bytes are hashed as they are, never decoded. */
function splitAtBody(template: string): [string, string | undefined] {
  const at = template.indexOf('{body}');
  return at < 0 ? [template, undefined] : [template.slice(0, at), template.slice(at + '{body}'.length)];
}
