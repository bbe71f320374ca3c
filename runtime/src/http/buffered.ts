/**
 * A response read into memory through undici's dispatch handler API, for every response kind but
 * `binary` (which the caller gets as a stream). `dispatcher.request()` wraps each response in a
 * Readable and each call in an AsyncResource and an abort listener; for the small JSON bodies most
 * calls return, that machinery cost more client CPU than everything else the runtime does per
 * request (see bench/results/runtime.md). Here the chunks go straight into an array.
 *
 * The promise settles when the headers arrive, as `request()`'s does, so a status is seen (by
 * hooks, the rate limiter) even when the body then breaks off; `BufferedBody` holds the bytes.
 */
import type { Dispatcher } from 'undici';
import { onAbort, type Abortable } from './deadline.js';

type ResponseHeaders = Dispatcher.ResponseData['headers'];

export interface BufferedResponse {
  readonly statusCode: number;
  readonly headers: ResponseHeaders;
  readonly body: BufferedBody;
}

/**
 * How many body bytes to keep for a status. Past it the connection is closed and the body ends
 * there (error bodies only feed a message, and a server streaming gigabytes of error page should
 * not fill memory), as `body.dump()` and a destroyed body stream did before.
 */
export type BodyLimit = (status: number) => number;

/** The bytes of one response body, complete or still arriving. */
export class BufferedBody {
  #chunks: Buffer[] = [];
  #size = 0;
  #done = false;
  #error: Error | undefined;
  #waiter: { resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | undefined;

  /** Whole body, at once when it has already arrived (small bodies usually come with the headers). */
  bytes(): Buffer | Promise<Buffer> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#done) return this.#joined();
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  /** What has arrived so far, for an error body that broke off. */
  received(): Buffer {
    return this.#joined();
  }

  get size(): number {
    return this.#size;
  }

  /** @internal */
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  /** @internal */
  end(): void {
    if (this.#done || this.#error) return;
    this.#done = true;
    this.#waiter?.resolve(this.#joined());
  }

  /** @internal */
  fail(error: Error): void {
    if (this.#done || this.#error) return;
    this.#error = error;
    this.#waiter?.reject(error);
  }

  #joined(): Buffer {
    const chunks = this.#chunks;
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.#size);
  }
}

/** Why we closed a connection ourselves: the body passed its limit, and what arrived is kept. */
class BodyLimitReached extends Error {}

class BufferingHandler implements Dispatcher.DispatchHandler {
  #resolve: (response: BufferedResponse) => void;
  #reject: (error: Error) => void;
  #limit: BodyLimit;
  #body: BufferedBody | undefined;
  #keep = Infinity;
  #controller: Dispatcher.DispatchController | undefined;
  #signal: Abortable | undefined;
  #off: (() => void) | undefined;
  #settled = false;

  constructor(resolve: (response: BufferedResponse) => void, reject: (error: Error) => void, limit: BodyLimit, signal: Abortable | undefined) {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#limit = limit;
    if (signal) {
      this.#signal = signal;
      this.#off = onAbort(signal, () => this.#abort());
    }
  }

  /** The caller's signal or the deadline fired: stop the request wherever it is. */
  #abort(): void {
    const reason = this.#signal?.reason as Error;
    this.#controller?.abort(reason);
    // Still queued for a connection: settle now; the request aborts itself when it starts.
    this.onResponseError(this.#controller, reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#signal?.aborted) controller.abort(this.#signal.reason as Error);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: ResponseHeaders): void {
    if (statusCode < 200 || this.#settled) return; // 1xx: informational, the real response follows
    this.#settled = true;
    this.#keep = this.#limit(statusCode);
    this.#body = new BufferedBody();
    this.#resolve({ statusCode, headers, body: this.#body });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const body = this.#body;
    if (!body) return;
    if (body.size + chunk.length > this.#keep) {
      body.push(chunk.subarray(0, this.#keep - body.size));
      this.#finish();
      controller.abort(new BodyLimitReached());
      return;
    }
    body.push(chunk);
  }

  onResponseEnd(): void {
    this.#finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#off?.();
    this.#off = undefined;
    if (error instanceof BodyLimitReached) return;
    if (!this.#settled) {
      this.#settled = true;
      this.#reject(error);
    } else {
      this.#body?.fail(error);
    }
  }

  #finish(): void {
    this.#off?.();
    this.#off = undefined;
    this.#body?.end();
  }
}

/** Sends one request and buffers its response body, at most `limit(status)` bytes of it. */
export function dispatchBuffered(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, limit: BodyLimit, signal: Abortable | undefined): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    dispatcher.dispatch(options, new BufferingHandler(resolve, reject, limit, signal));
  });
}
