/**
 * signWebhook / verifyWebhook over any SignatureScheme (Standard Webhooks by default).
 *
 * Verification order matters: the signature first (an unsigned message must not be able to fill
 * the replay store or learn about our clock), then the timestamp against the tolerance window,
 * then the id against the replay store. Several secrets may be given for a key rotation; any of
 * them verifying is enough. Time comes from `now`, so tests drive the clock.
 */
import { randomUUID } from 'node:crypto';
import { safeEqual } from './compare.js';
import { WebhookVerificationError } from './errors.js';
import type { HeaderSource } from './headers.js';
import type { ReplayStore } from './replay.js';
import { resolveScheme, type WebhookSchemeConfig } from './schemes/registry.js';
import type { SignatureScheme } from './scheme.js';

export type WebhookSecret = string | Uint8Array;

export interface SignOptions {
  /** One secret, or several to sign with each (Standard Webhooks sends every signature). */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  readonly body: string | Uint8Array;
  /** Default: `msg_` + a random UUID. */
  readonly id?: string;
  /** Unix seconds; default `now()`. */
  readonly timestamp?: number;
  readonly scheme?: WebhookSchemeConfig | SignatureScheme;
  /** Milliseconds since the epoch; default Date.now. */
  readonly now?: () => number;
}

/** The headers to send with `body`. */
export function signWebhook(options: SignOptions): Record<string, string> {
  const scheme = resolveScheme(options.scheme);
  const now = options.now ?? Date.now;
  const message = {
    id: options.id ?? `msg_${randomUUID()}`,
    timestamp: options.timestamp ?? Math.floor(now() / 1000),
    body: Buffer.from(options.body),
  };
  return scheme.headers(message, secretList(options.secret).map((s) => scheme.key(s)));
}

export interface VerifyOptions {
  /** Accepted secrets; several during a rotation. */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  readonly scheme?: WebhookSchemeConfig | SignatureScheme;
  /** How far a timestamp may be from `now`, either way; default 300 s (Standard Webhooks). */
  readonly toleranceSeconds?: number;
  /** Ids already seen are refused; omit to skip replay protection. */
  readonly replay?: ReplayStore;
  /** How long an id is remembered when the scheme carries no timestamp; default 24 h. */
  readonly replayTtlMs?: number;
  readonly now?: () => number;
}

export interface VerifiedWebhook {
  readonly id: string | undefined;
  readonly timestamp: number | undefined;
  /** Which of the configured secrets verified it (0 = the first). */
  readonly secretIndex: number;
}

export function verifyWebhook(
  message: { readonly headers: HeaderSource; readonly body: string | Uint8Array },
  options: VerifyOptions,
): VerifiedWebhook {
  return createVerifier(options)(message);
}

/** A verifier with the scheme and keys prepared once, for receivers that verify many messages. */
export function createVerifier(options: VerifyOptions): (message: { readonly headers: HeaderSource; readonly body: string | Uint8Array }) => VerifiedWebhook {
  const scheme = resolveScheme(options.scheme);
  const keys = secretList(options.secret).map((s) => scheme.key(s));
  if (keys.length === 0) throw new WebhookVerificationError('CG_WEBHOOK_CONFIG', 'no webhook secret configured');
  const toleranceMs = (options.toleranceSeconds ?? 300) * 1000;
  const ttlMs = options.replayTtlMs ?? 24 * 3600_000;
  const now = options.now ?? Date.now;
  return (message) => {
    const received = scheme.read(message.headers);
    const signed = { id: received.id ?? '', timestamp: received.timestamp ?? 0, body: Buffer.from(message.body) };
    const secretIndex = matchingKey(scheme, signed, keys, received.signatures);
    if (secretIndex < 0) throw new WebhookVerificationError('CG_WEBHOOK_SIGNATURE', `no ${scheme.name} signature matches`);
    const nowMs = now();
    if (received.timestamp !== undefined && Math.abs(nowMs - received.timestamp * 1000) > toleranceMs) {
      throw new WebhookVerificationError('CG_WEBHOOK_STALE', `timestamp ${received.timestamp} is outside the ${toleranceMs / 1000} s tolerance window`);
    }
    if (options.replay && received.id !== undefined) {
      const expires = received.timestamp !== undefined ? received.timestamp * 1000 + toleranceMs : nowMs + ttlMs;
      if (!options.replay.claim(received.id, expires, nowMs)) {
        throw new WebhookVerificationError('CG_WEBHOOK_REPLAYED', `message ${received.id} was already received`);
      }
    }
    return { id: received.id, timestamp: received.timestamp, secretIndex };
  };
}

/** Every key is tried against every signature, without stopping early at a match. */
function matchingKey(scheme: SignatureScheme, message: Parameters<SignatureScheme['signature']>[0], keys: readonly Buffer[], signatures: readonly string[]): number {
  let found = -1;
  keys.forEach((key, index) => {
    const expected = scheme.signature(message, key);
    for (const candidate of signatures) if (safeEqual(candidate, expected) && found < 0) found = index;
  });
  return found;
}

function secretList(secret: WebhookSecret | readonly WebhookSecret[]): readonly WebhookSecret[] {
  return typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : secret;
}
