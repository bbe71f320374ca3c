/**
 * Compiles an operation's parameter list once into a function from the action's input to the
 * wire: path, query string and headers. Compiling up front keeps the per-call work to string
 * concatenation, which matters on the hot path (see bench/runtime-throughput.mjs).
 */
import type { OperationInput, OperationSpec, ParameterSpec } from '../../definition.js';
import { ConnectorConfigError } from '../errors.js';
import { serializeCookieParam, serializeHeaderParam } from './header-cookie.js';
import { serializePathParam } from './path.js';
import { serializeQueryParam } from './query.js';

export interface SerializedParameters {
  /** Path with parameters substituted, starting with `/` (relative to the server URL). */
  readonly path: string;
  /** Query string without the leading `?`; may be empty. */
  readonly query: string;
  /** Lower-case header names; cookie parameters are joined into `cookie`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The headers of a call whose operation has no header or cookie parameters: one shared empty object. */
export const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

export type ParameterSerializer = (input: OperationInput) => SerializedParameters;

export function compileParameters(operation: OperationSpec): ParameterSerializer {
  const { template, fixedQuery } = splitPathTemplate(operation.path);
  const segments = splitTemplate(template);
  const byName = new Map(operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]));
  const query = operation.parameters.filter((p) => p.in === 'query');
  const headers = operation.parameters.filter((p) => p.in === 'header');
  const cookies = operation.parameters.filter((p) => p.in === 'cookie');

  const pathParts = segments.map((segment) => {
    if (typeof segment === 'string') return () => segment;
    const param: ParameterSpec = byName.get(segment.name) ?? { name: segment.name, key: segment.name, in: 'path', required: true };
    return (input: OperationInput) => {
      const value = valueOf(param, input);
      if (value === undefined || value === null || value === '') {
        throw new ConnectorConfigError(`${operation.id}: missing required path parameter "${param.key}"`);
      }
      return serializePathParam(param.name, value, param.style, param.explode ?? false);
    };
  });

  return (input) => {
    let path = '';
    for (const part of pathParts) path += part(input);

    let qs = fixedQuery;
    for (const p of query) {
      const piece = serializeQueryParam(p.name, valueOf(p, input), p.style ?? 'form', p.explode ?? (p.style ?? 'form') === 'form', p.allowReserved ?? false);
      if (piece) qs = qs ? `${qs}&${piece}` : piece;
    }

    if (headers.length === 0 && cookies.length === 0) return { path, query: qs, headers: NO_HEADERS };
    const out: Record<string, string> = {};
    for (const p of headers) {
      const value = serializeHeaderParam(p.name, valueOf(p, input), p.explode ?? false);
      if (value !== undefined) out[p.name.toLowerCase()] = value;
    }
    if (cookies.length > 0) {
      const pairs: string[] = [];
      for (const p of cookies) {
        const pair = serializeCookieParam(p.name, valueOf(p, input), p.explode ?? true);
        if (pair !== undefined) pairs.push(pair);
      }
      if (pairs.length > 0) out['cookie'] = pairs.join('; ');
    }
    return { path, query: qs, headers: out };
  };
}

/** The caller's value, or the parameter's spec-given constant when the caller leaves it out. */
function valueOf(param: ParameterSpec, input: OperationInput): unknown {
  const value = input[param.key];
  return value === undefined ? param.constant : value;
}

/**
 * A path template may carry a fixed query (`/items/{id}?beta=true`, AWS's `/?Action=List`) or a
 * fragment that only makes the path unique in the spec (`/#X-Amz-Target=...`). The query is kept
 * and leads the serialized one (one `?` on the wire); the fragment is never sent.
 */
function splitPathTemplate(path: string): { template: string; fixedQuery: string } {
  const withoutFragment = path.replace(/#.*$/s, '');
  const at = withoutFragment.indexOf('?');
  if (at < 0) return { template: withoutFragment, fixedQuery: '' };
  return { template: withoutFragment.slice(0, at), fixedQuery: withoutFragment.slice(at + 1).replace(/^&+|&+$/g, '') };
}

type Segment = string | { readonly name: string };

function splitTemplate(template: string): Segment[] {
  const out: Segment[] = [];
  const re = /\{([^}]+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) out.push(template.slice(last, m.index));
    out.push({ name: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}
