/**
 * Reading responses by `ResponseKind`: json, text and empty from a buffered body, binary as the
 * stream handed to the caller unread. Error bodies are read best-effort and size-capped: they only
 * feed an error message.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ResponseKind } from '../definition.js';
import { BufferedBody, type BodyLimit } from './buffered.js';
import type { WireResponse } from './transport.js';

/** Body bytes kept of a failed response: it only feeds an error message. */
export const ERROR_BODY_LIMIT = 64 * 1024;
/** Body bytes read of a response nobody reads (an `empty` kind, a retried failure) before the connection is dropped instead. */
const DISCARD_LIMIT = 128 * 1024;

/** How much of a buffered response to keep, by the kind the operation expects and the status. */
export function bodyLimit(kind: ResponseKind): BodyLimit {
  return kind === 'empty' ? () => DISCARD_LIMIT : successBodyLimit;
}

function successBodyLimit(status: number): number {
  return (status >= 200 && status < 300) || status === 304 ? Infinity : ERROR_BODY_LIMIT;
}

/**
 * The body of a successful response by kind. Returns the value itself when the body has already
 * arrived, which for small bodies it usually has, so the caller's await costs no extra turn.
 */
export function readBody(kind: ResponseKind, response: WireResponse): unknown {
  const body = response.body;
  // Only binary responses are streamed (see client/execute.ts): the stream is the value.
  if (!(body instanceof BufferedBody)) return body as Readable;
  if (kind === 'empty') return discardBody(response);
  const bytes = body.bytes();
  return bytes instanceof Promise ? bytes.then((b) => decode(kind, b)) : decode(kind, bytes);
}

function decode(kind: ResponseKind, bytes: Buffer): unknown {
  // A UTF-8 byte order mark is not part of the text (undici's body.text() drops it too).
  const start = bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = bytes.toString('utf8', start);
  if (kind !== 'json') return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A 2xx that is not JSON (an HTML maintenance page, plain "OK"): hand over the text
    // rather than fail a call that the server says succeeded.
    return text;
  }
}

/** Lets go of a body nobody reads: drains what little arrives, drops the connection past a limit. */
export async function discardBody(response: WireResponse): Promise<undefined> {
  const body = response.body;
  if (body instanceof BufferedBody) await Promise.resolve(body.bytes()).catch(() => undefined);
  else await body.dump();
  return undefined;
}

/** The body of a failed response: JSON when it parses, else text, at most 64 KiB. */
export async function readErrorBody(response: WireResponse): Promise<unknown> {
  const body = response.body;
  let bytes: Buffer;
  if (body instanceof BufferedBody) {
    try {
      bytes = await body.bytes();
    } catch {
      // A body that breaks off mid-error is still an error with a status; keep what arrived.
      bytes = body.received();
    }
  } else {
    bytes = await readStreamedErrorBody(body);
  }
  const text = bytes.subarray(0, ERROR_BODY_LIMIT).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readStreamedErrorBody(body: Dispatcher.ResponseData['body']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > ERROR_BODY_LIMIT) {
        body.destroy();
        break;
      }
    }
  } catch {
    // A body that breaks off mid-error is still an error with a status; keep what arrived.
  }
  return Buffer.concat(chunks);
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-amz-request-id', 'x-correlation-id', 'cf-ray', 'x-github-request-id', 'x-trace-id'];

export function requestIdOf(headers: Dispatcher.ResponseData['headers']): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value) return value;
    if (Array.isArray(value) && value[0]) return value[0];
  }
  return undefined;
}
