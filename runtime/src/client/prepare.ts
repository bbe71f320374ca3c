/**
 * Turns an operation spec plus an action's input into a request ready for the wire (minus auth,
 * which is applied per attempt because tokens can change between attempts).
 */
import type { CallOptions } from '../client-api.js';
import type { HttpMethod, OperationInput, OperationSpec, ResponseKind } from '../definition.js';
import { encodeBody, type WireBody } from '../http/body.js';
import { ConnectorForeignHostError } from '../http/errors.js';
import { compileParameters, NO_HEADERS } from '../http/serialize/request.js';
import { authForOperation, type SchemeAuth } from './auth-selection.js';
import { resolveOperationBase } from './base-url.js';
import type { ClientContext } from './context.js';
import { targetOf, urlOf, wireBase, wireTarget, type WireTarget } from './wire-target.js';

export interface PreparedRequest {
  /** Action id, for hook events. */
  readonly action: string;
  readonly method: HttpMethod;
  /** Where it goes, as the dispatcher takes it. */
  readonly target: WireTarget;
  /** The same as a URL, parsed on first read (errors, hooks, pagination), not on every call. */
  readonly url: URL;
  /** Origin of the operation's base URL: the one origin this request's credentials may go to. */
  readonly origin: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: WireBody | undefined;
  /** False when the body is a stream: no retry, no replay after a 401. */
  readonly replayable: boolean;
  /** Whether credentials are applied: the operation needs them and the URL is the connector's origin. */
  readonly authenticate: boolean;
  /** The credentials this operation's calls carry (set when `authenticate`). */
  readonly auth?: SchemeAuth | undefined;
  readonly response: ResponseKind;
}

export type RequestPreparer = (input: OperationInput, options: CallOptions | undefined) => PreparedRequest;

const ACCEPT: Record<ResponseKind, string> = {
  json: 'application/json',
  text: 'text/plain, */*;q=0.8',
  binary: '*/*',
  empty: '*/*',
};

export function compileOperation(ctx: ClientContext, operation: OperationSpec): RequestPreparer {
  const serialize = compileParameters(operation);
  const auth = authForOperation(ctx.auths, operation);
  const authenticate = auth !== undefined;
  const accept = ACCEPT[operation.response];
  const server = operation.servers?.[0];
  const base = server === undefined ? undefined : resolveOperationBase(ctx.definition, server, ctx.serverVariables, ctx.baseUrl);
  const baseUrl = base === undefined ? ctx.baseUrl : base.toString().replace(/\/$/, '');
  const origin = base?.origin ?? ctx.origin;
  const wire = wireBase(baseUrl, base?.origin ?? ctx.origin);
  // Every call starts from these; a call copies them only when it has headers of its own to add.
  const fixedHeaders: Record<string, string> = { accept };
  mergeHeaders(fixedHeaders, ctx.headers);
  const action = operation.id;
  const method = operation.method;
  const response = operation.response;

  return (input, options) => {
    const params = serialize(input ?? {});
    const target = wireTarget(wire, params.path, params.query);
    let headers = fixedHeaders;
    if (params.headers !== NO_HEADERS) {
      headers = copyHeaders(fixedHeaders);
      mergeHeaders(headers, params.headers);
    }
    let body: WireBody | undefined;
    let replayable = true;
    if (operation.requestBody) {
      const encoded = encodeBody(operation.requestBody, (input ?? {})['body']);
      if (encoded) {
        body = encoded.body;
        replayable = encoded.replayable;
        if (headers === fixedHeaders) headers = copyHeaders(fixedHeaders);
        headers['content-type'] = encoded.contentType;
      }
    }
    if (options?.headers) {
      if (headers === fixedHeaders) headers = copyHeaders(fixedHeaders);
      mergeHeaders(headers, options.headers);
    }
    return new Prepared(action, method, target, undefined, origin, headers, body, replayable, authenticate, auth, response);
  };
}

/** A class rather than a literal: one shape for every request, and `url` parsed only when read. */
class Prepared implements PreparedRequest {
  #url: URL | undefined;

  constructor(
    readonly action: string,
    readonly method: HttpMethod,
    readonly target: WireTarget,
    url: URL | undefined,
    readonly origin: string,
    readonly headers: Readonly<Record<string, string>>,
    readonly body: WireBody | undefined,
    readonly replayable: boolean,
    readonly authenticate: boolean,
    readonly auth: SchemeAuth | undefined,
    readonly response: ResponseKind,
  ) {
    this.#url = url;
  }

  get url(): URL {
    return (this.#url ??= urlOf(this.target));
  }
}

/**
 * A header object to add to. Not `{ ...headers }`: in V8 (Node 20) adding a property to an object
 * made by spread builds a new hidden class every time, ~15 µs per request on this path (measured,
 * bench/results/runtime.md); Object.assign onto a literal reuses the cached transitions.
 */
export function copyHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.assign({}, headers);
}

/** Caller headers win; names are lower-cased so `Accept` replaces `accept` instead of doubling it. */
export function mergeHeaders(target: Record<string, string>, extra: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(extra)) target[name.toLowerCase()] = value;
}

/**
 * The same request aimed at another URL (a pagination next link). A URL on another origin is
 * refused unless its host is in `allowedHosts`, and then gets neither credentials nor any header
 * the caller or the operation added: only `accept`.
 */
export function retarget(ctx: ClientContext, request: PreparedRequest, url: URL): PreparedRequest {
  if (url.origin === request.origin) return aimedAt(request, url);
  if (!ctx.allowedHosts.has(url.host.toLowerCase()) && !ctx.allowedHosts.has(url.hostname.toLowerCase())) {
    throw new ConnectorForeignHostError(url.host, new URL(request.origin).host);
  }
  return aimedAt(request, withoutSecrets(ctx, url), { authenticate: false, headers: { accept: request.headers['accept'] ?? '*/*' } });
}

/** The same request aimed at `url` (another page), with `changes` applied. */
export function aimedAt(request: PreparedRequest, url: URL, changes: Partial<Pick<PreparedRequest, 'authenticate' | 'headers'>> = {}): PreparedRequest {
  const { action, method, origin, body, replayable, auth, response } = request;
  return new Prepared(action, method, targetOf(url), url, origin, changes.headers ?? request.headers, body, replayable, changes.authenticate ?? request.authenticate, auth, response);
}

/**
 * Some APIs echo the caller's query key into their next links. Such a link to another host must
 * not carry it there: drop every query parameter whose value holds a known secret.
 */
function withoutSecrets(ctx: ClientContext, url: URL): URL {
  const secrets = ctx.redactor.secrets();
  if (secrets.length === 0 || url.search === '') return url;
  const leaking = [...url.searchParams].filter(([, value]) => secrets.some((secret) => value.includes(secret)));
  if (leaking.length === 0) return url;
  const out = new URL(url);
  for (const [name] of leaking) out.searchParams.delete(name);
  return out;
}
