/**
 * One logical call: deadline, then attempts until success or a final error. Each attempt takes a
 * rate-limit slot, applies auth, sends, and feeds the response back into the limiter. Retries follow
 * the retry policy; a 401 on an authenticated request (or an answer the scheme's `expirySignals` say
 * means an expired token: a 403, a 200 with an error body) gets exactly one credential refresh and
 * one replay. Everything that leaves here as an error has been through the redactor.
 */
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { CallOptions } from '../client-api.js';
import { Deadline } from '../http/deadline.js';
import { ConnectorNetworkError, ConnectorTimeoutError } from '../http/errors.js';
import { bodyLimit, discardBody, readBody, readErrorBody } from '../http/response.js';
import { sendBuffered, sendStreaming, type WireResponse } from '../http/transport.js';
import { RetryHandler } from '../retry/handler.js';
import type { ClientContext } from './context.js';
import { httpError, redactorFor, unauthorized } from './failures.js';
import { AttemptRequest } from './attempt-request.js';
import type { PreparedRequest } from './prepare.js';

export interface CallResult {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData['headers'];
  readonly body: unknown;
}

type Attempt = { readonly done: CallResult } | { readonly retryAfterMs: number } | { readonly replay: true };

export async function execute(ctx: ClientContext, request: PreparedRequest, options: CallOptions | undefined): Promise<CallResult> {
  const deadline = new Deadline(options?.timeoutMs ?? ctx.timeoutMs, options?.signal);
  const abortable = deadline.active ? deadline : undefined;
  const retry = new RetryHandler(ctx.retry, request.method, request.replayable, ctx.clock);
  const state = { sent: 0, replayed: false };
  let stream: Readable | undefined;
  try {
    for (;;) {
      retry.attempt++;
      const outcome = await attempt(ctx, request, deadline, abortable, retry, state, options?.signal);
      if ('done' in outcome) {
        if (outcome.done.body instanceof Readable) stream = outcome.done.body;
        return outcome.done;
      }
      if ('replay' in outcome) retry.attempt--;
      else await retry.wait(outcome.retryAfterMs, abortable);
    }
  } catch (error) {
    if (deadline.timedOut) {
      throw new ConnectorTimeoutError({ method: request.method, url: request.url, timeoutMs: deadline.timeoutMs ?? 0, redactor: ctx.redactor, cause: error });
    }
    throw error;
  } finally {
    // A streamed body outlives the call: the timeout stops here, the caller's signal keeps working
    // until the stream closes.
    if (stream) {
      deadline.stopTimer();
      stream.once('close', () => deadline.dispose());
    } else {
      deadline.dispose();
    }
  }
}

async function attempt(
  ctx: ClientContext,
  request: PreparedRequest,
  deadline: Deadline,
  abortable: Deadline | undefined,
  retry: RetryHandler,
  state: { sent: number; replayed: boolean },
  callerSignal: AbortSignal | undefined,
): Promise<Attempt> {
  const acquired = ctx.limiter.acquire(abortable);
  const release = typeof acquired === 'function' ? acquired : await acquired;
  try {
    const sent = new AttemptRequest(request);
    const headers = sent.headers;
    retry.stampIdempotencyKey(headers);
    if (request.authenticate && request.auth) {
      // Schemes that only set a header get the caller's signal, sparing the AbortSignal the
      // deadline would have to build; schemes that may fetch a token get the full deadline.
      try {
        const applied = request.auth.handler.apply(sent, request.auth.doesIO ? deadline.signal : callerSignal);
        if (applied) await applied;
      } catch (error) {
        // A token endpoint that is briefly down is worth another attempt; nothing was sent yet.
        if (deadline.aborted || (error as { reason?: unknown }).reason !== 'CG_AUTH_TOKEN_UNAVAILABLE') throw error;
        const delay = retry.nextDelay({ error, notSent: true });
        if (delay === undefined) throw error;
        return { retryAfterMs: delay };
      }
    }
    state.sent++;
    const hooks = ctx.hooks;
    const event = hooks ? { action: request.action, method: request.method, url: ctx.redactor.url(sent.url), attempt: state.sent } : undefined;
    if (event) safely(() => hooks?.onRequest?.(event));
    const started = event ? performance.now() : 0;

    let response: WireResponse;
    try {
      const { origin, path } = sent.target;
      const wire = { method: request.method, origin, path, headers, body: request.body, signal: abortable };
      // Binary bodies go to the caller as a stream; every other kind is read whole here.
      response = request.response === 'binary' ? await sendStreaming(ctx.dispatcher, wire) : await sendBuffered(ctx.dispatcher, wire, bodyLimit(request.response));
    } catch (error) {
      if (deadline.aborted) throw error;
      const delay = retry.nextDelay({ error });
      if (delay !== undefined) return { retryAfterMs: delay };
      throw new ConnectorNetworkError({ method: request.method, url: sent.url, redactor: redactorFor(ctx, headers), cause: error });
    }

    const { statusCode: status, headers: responseHeaders } = response;
    const signals = request.authenticate ? request.auth?.expirySignals : undefined;
    if (event) safely(() => hooks?.onResponse?.({ ...event, status, durationMs: performance.now() - started }));
    ctx.limiter.observe(status, responseHeaders);

    // 2xx, and 304 for a caller doing conditional requests. Redirects are not followed: following
    // one to another host would carry the credentials there.
    if ((status >= 200 && status < 300) || status === 304) {
      let body: unknown;
      try {
        body = await readBody(request.response, response);
      } catch (error) {
        // The connection broke mid-body: as retryable as breaking before the headers.
        if (deadline.aborted) throw error;
        const delay = retry.nextDelay({ error });
        if (delay !== undefined) return { retryAfterMs: delay };
        throw new ConnectorNetworkError({ method: request.method, url: sent.url, redactor: redactorFor(ctx, headers), cause: error });
      }
      // A 200 carrying "token expired" must not reach the caller as data.
      if (signals?.watches(status) && !(body instanceof Readable) && signals.matches(status, body)) {
        return refreshAndReplay(request, deadline, state, () => unauthorized(ctx, request, sent.url, headers, status, responseHeaders, body));
      }
      return { done: { status, headers: responseHeaders, body } };
    }

    if (status === 401 && request.authenticate && !state.replayed && request.replayable) {
      state.replayed = true;
      const errorBody = readErrorBody(response);
      if (request.auth && (await request.auth.handler.refreshAfterUnauthorized(deadline.signal))) {
        await errorBody;
        return { replay: true };
      }
      throw unauthorized(ctx, request, sent.url, headers, status, responseHeaders, await errorBody);
    }

    // A configured signal may need the body to decide; once read, it is the error's body too.
    let errorBody: { value: unknown } | undefined;
    if (signals?.watches(status)) {
      errorBody = { value: await readErrorBody(response) };
      if (signals.matches(status, errorBody.value)) {
        const value = errorBody.value;
        return refreshAndReplay(request, deadline, state, () => unauthorized(ctx, request, sent.url, headers, status, responseHeaders, value));
      }
    }

    const delay = retry.nextDelay({ status, headers: responseHeaders });
    if (delay !== undefined) {
      if (!errorBody) await discardBody(response);
      return { retryAfterMs: delay };
    }
    errorBody ??= { value: await readErrorBody(response) };
    if (status === 401 && request.authenticate) throw unauthorized(ctx, request, sent.url, headers, status, responseHeaders, errorBody.value);
    throw httpError(ctx, request, sent.url, headers, status, responseHeaders, errorBody.value);
  } finally {
    release();
  }
}

/**
 * The server said the token expired: refresh once and replay once. When that is not possible (a
 * stream body, the replay already done, nothing to refresh with) the call fails as unauthorized.
 */
async function refreshAndReplay(
  request: PreparedRequest,
  deadline: Deadline,
  state: { replayed: boolean },
  refused: () => Error,
): Promise<Attempt> {
  if (state.replayed || !request.replayable || !request.auth) throw refused();
  state.replayed = true;
  if (await request.auth.handler.refreshAfterUnauthorized(deadline.signal)) return { replay: true };
  throw refused();
}

/** Hooks observe; a throwing hook must not fail the call it observes. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // deliberately ignored
  }
}
