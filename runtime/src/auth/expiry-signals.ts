/**
 * Which answers mean "the access token expired". A 401 always does; some vendors answer 403, or 200
 * with `{ "error": { "code": "token_expired" } }`, and the connector's `expirySignals` (or a
 * connection's own) say so. A pure decision, compiled once per scheme: paths are parsed when the
 * connector is created, so a bad path fails there with its field named, not on some later answer.
 */
import type { TokenExpirySignal } from '../definition.js';
import { getPath, parsePath, PathSyntaxError, type ParsedPath } from '../path/index.js';
import { AuthFailureError } from './errors.js';

export interface ExpirySignals {
  /** Whether `matches` may say yes for this status, so the caller reads the body only then. */
  watches(status: number): boolean;
  matches(status: number, body: unknown): boolean;
}

interface Compiled {
  readonly status: number | undefined;
  readonly path: ParsedPath | undefined;
  readonly equals: TokenExpirySignal['equals'];
}

/** `undefined` when there are no signals, so the client's hot path checks one field. */
export function compileExpirySignals(signals: readonly TokenExpirySignal[] | undefined): ExpirySignals | undefined {
  if (signals === undefined || signals.length === 0) return undefined;
  const compiled = signals.map(compileOne);
  return {
    watches: (status) => compiled.some((s) => s.status === undefined || s.status === status),
    matches: (status, body) => compiled.some((s) => matchesOne(s, status, body)),
  };
}

function matchesOne(signal: Compiled, status: number, body: unknown): boolean {
  if (signal.status !== undefined && signal.status !== status) return false;
  if (signal.path === undefined) return true;
  const value = getPath(body, signal.path);
  return signal.equals === undefined ? value !== undefined && value !== null : value === signal.equals;
}

function compileOne(signal: TokenExpirySignal, index: number): Compiled {
  const where = `auth.expirySignals[${index}]`;
  const status = signal.status;
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
    throw invalid(`${where}.status ${JSON.stringify(status)} is not an HTTP status`, 'use a status such as 403');
  }
  if (status === undefined && signal.path === undefined) {
    throw invalid(`${where} has neither status nor path, so it would match every answer`, 'give a status (403), a path with equals, or both');
  }
  if (signal.equals !== undefined && signal.path === undefined) {
    throw invalid(`${where} has equals but no path`, "add the path of the value to compare, e.g. path: 'error.code'");
  }
  let path: ParsedPath | undefined;
  try {
    path = signal.path === undefined ? undefined : parsePath(signal.path);
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    throw invalid(`${where}.path: ${error.message}`, error.hint);
  }
  if (path?.multiple) throw invalid(`${where}.path ${JSON.stringify(signal.path)} can match several values`, 'name one value: replace [*] with an index or a name');
  return { status, path, equals: signal.equals };
}

function invalid(message: string, hint: string): AuthFailureError {
  return new AuthFailureError('CG_AUTH_INVALID_CONFIG', `Invalid ${message}.`, { hint });
}
