/**
 * Request bodies by encoding (`RequestBodySpec.encoding`): json, form (urlencoded), multipart,
 * binary, text. The result says whether the body can be sent twice: a stream cannot, so a call
 * with a streamed body is never retried or replayed.
 */
import type { Readable } from 'node:stream';
import type { RequestBodySpec } from '../definition.js';
import { ConnectorConfigError } from './errors.js';
import { encodeMultipart, isStream } from './multipart.js';
import { serializeQueryParam } from './serialize/query.js';

export type WireBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface EncodedBody {
  readonly body: WireBody;
  readonly contentType: string;
  readonly replayable: boolean;
}

export function encodeBody(spec: RequestBodySpec, value: unknown): EncodedBody | undefined {
  if (value === undefined) {
    if (spec.required) throw new ConnectorConfigError(`request body is required (${spec.mediaType})`);
    return undefined;
  }
  switch (spec.encoding) {
    case 'json':
      return { body: JSON.stringify(value), contentType: spec.mediaType, replayable: true };
    case 'form':
      return { body: encodeForm(value), contentType: spec.mediaType, replayable: true };
    case 'multipart': {
      if (typeof value !== 'object' || value === null) throw new ConnectorConfigError('multipart body must be an object of fields');
      const encoded = encodeMultipart(value as Record<string, unknown>);
      return { body: encoded.body, contentType: encoded.contentType, replayable: encoded.replayable };
    }
    case 'text':
      return { body: String(value), contentType: spec.mediaType, replayable: true };
    case 'binary':
      return encodeBinary(value, spec.mediaType);
  }
}

/** `application/x-www-form-urlencoded`: each property as a `form`/explode query parameter. */
function encodeForm(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof URLSearchParams) return value.toString();
  if (typeof value !== 'object' || value === null) throw new ConnectorConfigError('form body must be an object');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => serializeQueryParam(k, v, 'form', true))
    .filter(Boolean)
    .join('&');
}

function encodeBinary(value: unknown, mediaType: string): EncodedBody {
  if (typeof value === 'string' || value instanceof Uint8Array) return { body: value, contentType: mediaType, replayable: true };
  if (value instanceof ArrayBuffer) return { body: new Uint8Array(value), contentType: mediaType, replayable: true };
  if (value instanceof Blob) {
    const blob = value;
    // Blob.stream() can be called again, so wrap it in a re-iterable.
    const body: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => blob.stream()[Symbol.asyncIterator]() };
    return { body, contentType: blob.type || mediaType, replayable: true };
  }
  if (isStream(value)) return { body: value, contentType: mediaType, replayable: false };
  throw new ConnectorConfigError('binary body must be a Buffer, Uint8Array, ArrayBuffer, Blob or stream');
}
