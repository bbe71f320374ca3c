/**
 * The token endpoint request (RFC 6749 section 3.2) shared by every grant: client credentials,
 * authorization code exchange and refresh. Vendors differ in the details, so the config chooses
 * the encoding (form or JSON), the method (POST, or GET with a query string), how the client
 * authenticates (RFC 6749 2.3.1 Basic header, or `client_id`/`client_secret` in the body) and
 * which response keys hold the token, the refresh token and the lifetime.
 *
 * Failures carry one of three codes the token cache acts on:
 * - `CG_AUTH_TOKEN_REFUSED`: a 4xx other than 408/429; retrying the same grant cannot succeed.
 * - `CG_AUTH_TOKEN_UNAVAILABLE`: network error, timeout, 408, 429 or 5xx; worth retrying later.
 * - `CG_AUTH_TOKEN_RESPONSE_INVALID`: a 2xx that is not JSON or lacks the token key.
 */
import { request } from 'undici';
import type { OAuth2Tokens } from '../../client-api.js';
import type { OAuth2AuthConfig } from '../../definition.js';
import { AuthFailureError } from '../errors.js';
import type { HttpDispatcher } from '../../http/dispatcher.js';
import { toUndici } from '../../http/transport.js';

export interface OAuth2Client {
  readonly clientId: string;
  /** Absent for public clients (authorization code with PKCE). */
  readonly clientSecret?: string;
}

export interface TokenRequestDeps {
  readonly dispatcher?: HttpDispatcher;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** Token requests that hang would hold every waiting call; 30 s is generous for an endpoint this small. */
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/** Sends `params` (grant_type and the grant's fields) to the token endpoint and reads the tokens. */
export async function requestToken(
  config: OAuth2AuthConfig,
  client: OAuth2Client,
  params: Readonly<Record<string, string>>,
  deps: TokenRequestDeps = {},
): Promise<OAuth2Tokens> {
  // Everything sent here is secret-adjacent: error text from the server is scrubbed of these values.
  const secrets = [client.clientSecret, params.refresh_token, params.code, params.code_verifier].filter(
    (s): s is string => s !== undefined && s !== '',
  );
  const { url, method, headers, body } = buildTokenRequest(config, client, params);
  const timeout = AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS);
  const signal = deps.signal ? AbortSignal.any([deps.signal, timeout]) : timeout;

  let status: number;
  let contentType: string;
  let text: string;
  try {
    const response = await request(url, { method, headers, body, signal, dispatcher: toUndici(deps.dispatcher) });
    status = response.statusCode;
    contentType = String(response.headers['content-type'] ?? '');
    text = await response.body.text();
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    const timedOut = timeout.aborted;
    const message = timedOut
      ? `The OAuth2 token request to ${origin(url)} timed out after ${TOKEN_REQUEST_TIMEOUT_MS} ms.`
      : `The OAuth2 token request to ${origin(url)} failed: ${networkReason(error)}.`;
    throw new AuthFailureError('CG_AUTH_TOKEN_UNAVAILABLE', message, {
      cause: timedOut ? undefined : error,
      secrets,
      hint: 'Check the tokenUrl and the network; the token request is tried again on the next call.',
    });  }

  const parsed = parseBody(text, contentType);
  if (status < 200 || status >= 300) throw refusal(status, parsed, url, secrets);
  if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
    throw new AuthFailureError(
      'CG_AUTH_TOKEN_RESPONSE_INVALID',
      `The OAuth2 token endpoint ${origin(url)} answered ${status} with a body that is not JSON (content-type ${contentType || 'none'}).`,
      { status, hint: 'Check tokenUrl: it may point at a login page rather than the token endpoint.' },
    );
  }
  return readTokens(config, parsed as Record<string, unknown>, (deps.now ?? Date.now)(), url);
}

interface TokenHttpRequest {
  url: URL;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string | undefined;
}

export function buildTokenRequest(
  config: OAuth2AuthConfig,
  client: OAuth2Client,
  params: Readonly<Record<string, string>>,
): TokenHttpRequest {
  const url = new URL(config.tokenUrl);
  const method = config.tokenRequestMethod ?? 'POST';
  const headers: Record<string, string> = { accept: 'application/json' };
  const fields: Record<string, string> = { ...params };

  // A public client has no secret to put in a Basic header, so it identifies itself in the body.
  if ((config.clientAuth ?? 'basic') === 'basic' && client.clientSecret !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`).toString('base64')}`;
  } else {
    fields.client_id = client.clientId;
    if (client.clientSecret !== undefined) fields.client_secret = client.clientSecret;
  }

  if (method === 'GET') {
    for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, value);
    return { url, method, headers, body: undefined };
  }
  if (config.tokenRequestContentType === 'json') {
    headers['content-type'] = 'application/json';
    return { url, method, headers, body: JSON.stringify(fields) };
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { url, method, headers, body: new URLSearchParams(fields).toString() };
}

/** RFC 6749 2.3.1: id and secret are form-encoded before they are joined for the Basic header. */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

function parseBody(text: string, contentType: string): unknown {
  // Some servers (GitHub without Accept) answer form-encoded even to a JSON Accept header.
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readTokens(config: OAuth2AuthConfig, body: Record<string, unknown>, now: number, url: URL): OAuth2Tokens {
  const tokenKey = config.tokenKey ?? 'access_token';
  const accessToken = readKey(body, tokenKey);
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new AuthFailureError(
      'CG_AUTH_TOKEN_RESPONSE_INVALID',
      `The OAuth2 token response from ${origin(url)} has no "${tokenKey}" string (keys present: ${Object.keys(body).sort().join(', ') || 'none'}).`,
      { hint: 'Set auth.tokenKey in connector.yaml to the key that holds the access token.' },
    );
  }
  const refreshToken = readKey(body, config.refreshTokenKey ?? 'refresh_token');
  const expiresIn = Number(readKey(body, config.expiresInKey ?? 'expires_in'));
  return {
    accessToken,
    ...(typeof refreshToken === 'string' && refreshToken !== '' ? { refreshToken } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
  };
}

/** A key as written (`access_token`), or a dotted path into nested objects (`data.token`). */
function readKey(body: Record<string, unknown>, key: string): unknown {
  if (key in body) return body[key];
  let value: unknown = body;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function refusal(status: number, body: unknown, url: URL, secrets: readonly string[]): AuthFailureError {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const reason = [fields.error, fields.error_description]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => scrub(v, secrets))
    .join(': ');
  const retryable = status === 408 || status === 429 || status >= 500;
  const message = `The OAuth2 token endpoint ${origin(url)} answered ${status}${reason ? ` (${reason})` : ''}.`;
  return retryable
    ? new AuthFailureError('CG_AUTH_TOKEN_UNAVAILABLE', message, {
        status,
        secrets,
        hint: 'The token server is unavailable; the token request is tried again on the next call.',
      })
    : new AuthFailureError('CG_AUTH_TOKEN_REFUSED', message, {
        status,
        secrets,
        hint: 'Check the client id, client secret and scopes; a refused refresh token means the user must re-authorize.',
      });
}

/** Server text is untrusted: drop echoed secrets and control characters, and keep it short. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
  return out.length > 200 ? `${out.slice(0, 200)}...` : out;
}

// The token URL's query may carry the client secret (GET with body client auth): show only the origin and path.
function origin(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function networkReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
}
