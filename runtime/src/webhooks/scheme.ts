/**
 * How a vendor puts a webhook's signature on the wire. One interface, one file per scheme under
 * schemes/, and a registry map from the config's `type` to a factory. A scheme only encodes and
 * decodes; verify.ts owns the checks (constant-time compare, tolerance, replay) for all of them.
 */
import type { HeaderSource } from './headers.js';

/** What is signed: the message id, its Unix timestamp in seconds, and the raw body bytes. */
export interface SignedMessage {
  readonly id: string;
  readonly timestamp: number;
  readonly body: Buffer;
}

/** What a scheme found in the headers of a received message. */
export interface ReceivedSignature {
  /** Message id, for replay protection; undefined when the scheme carries none. */
  readonly id: string | undefined;
  /** Unix seconds; undefined when the scheme carries no timestamp (then no tolerance check). */
  readonly timestamp: number | undefined;
  /** The signatures sent, in the scheme's wire form (several during a key rotation). */
  readonly signatures: readonly string[];
}

export interface SignatureScheme {
  readonly name: string;
  /** Header naming the event type (GitHub's `X-GitHub-Event`); otherwise the body's `type`. */
  readonly eventHeader: string | undefined;
  /** Turns a configured secret into key bytes (`whsec_` base64 for Standard Webhooks, UTF-8 otherwise). */
  key(secret: string | Uint8Array): Buffer;
  /** Reads id, timestamp and signatures; throws CG_WEBHOOK_SIGNATURE_MISSING / CG_WEBHOOK_TIMESTAMP. */
  read(headers: HeaderSource): ReceivedSignature;
  /** The signature of `message` under `key`, in the same wire form as `read().signatures`. */
  signature(message: SignedMessage, key: Buffer): string;
  /** The headers a sender sets, with one signature per key where the scheme allows several. */
  headers(message: SignedMessage, keys: readonly Buffer[]): Record<string, string>;
}
