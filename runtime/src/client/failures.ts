/**
 * The errors a call ends with, built from what the attempt saw. Each goes through a redactor that
 * knows the client's secrets plus this request's secret-looking header values.
 */
import type { Dispatcher } from 'undici';
import { ConnectorAuthError, ConnectorHttpError } from '../http/errors.js';
import { isSecretHeader, Redactor } from '../http/redact.js';
import { requestIdOf } from '../http/response.js';
import { parseRetryAfter } from '../retry/policy.js';
import type { ClientContext } from './context.js';
import type { PreparedRequest } from './prepare.js';

export function httpError(
  ctx: ClientContext,
  request: PreparedRequest,
  url: URL,
  headers: Record<string, string>,
  status: number,
  responseHeaders: Dispatcher.ResponseData['headers'],
  body: unknown,
): ConnectorHttpError {
  const retryAfterMs = parseRetryAfter(responseHeaders, Date.now());
  return new ConnectorHttpError({
    status,
    method: request.method,
    url,
    body,
    redactor: redactorFor(ctx, headers),
    ...(requestIdOf(responseHeaders) === undefined ? {} : { requestId: requestIdOf(responseHeaders) }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

export function unauthorized(
  ctx: ClientContext,
  request: PreparedRequest,
  url: URL,
  headers: Record<string, string>,
  status: number,
  responseHeaders: Dispatcher.ResponseData['headers'],
  body: unknown,
): ConnectorAuthError {
  const cause = httpError(ctx, request, url, headers, status, responseHeaders, body);
  return new ConnectorAuthError(`${ctx.definition.name}: the server rejected the credentials (${cause.message})`, {
    status,
    cause,
    secrets: ctx.redactor.secrets(),
  });
}

/**
 * The client's redactor plus the values of this request's secret-looking headers (a caller's own
 * `x-api-key`, the Authorization header auth just set), with and without their scheme word.
 */
export function redactorFor(ctx: ClientContext, headers: Record<string, string>): Redactor {
  const extra: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) continue;
    extra.push(value);
    const space = value.indexOf(' ');
    if (space > 0) extra.push(value.slice(space + 1));
    if (name === 'cookie') for (const pair of value.split(';')) extra.push(pair.split('=').slice(1).join('=').trim());
  }
  return extra.length === 0 ? ctx.redactor : new Redactor(() => ctx.redactor.secrets(), () => extra);
}
