/**
 * Reading responses by `ResponseKind`: json, text, binary (streamed, handed to the caller unread)
 * and empty. Error bodies are read best-effort and size-capped: they only feed an error message.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ResponseKind } from '../definition.js';

export async function readBody(kind: ResponseKind, response: Dispatcher.ResponseData): Promise<unknown> {
  switch (kind) {
    case 'binary':
      return response.body as Readable;
    case 'empty':
      await response.body.dump();
      return undefined;
    case 'text':
      return response.body.text();
    case 'json': {
      const text = await response.body.text();
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // A 2xx that is not JSON (an HTML maintenance page, plain "OK"): hand over the text
        // rather than fail a call that the server says succeeded.
        return text;
      }
    }
  }
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** The body of a failed response: JSON when it parses, else text, at most 64 KiB. */
export async function readErrorBody(response: Dispatcher.ResponseData): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > ERROR_BODY_LIMIT) {
        response.body.destroy();
        break;
      }
    }
  } catch {
    // A body that breaks off mid-error is still an error with a status; keep what arrived.
  }
  const text = Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
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
