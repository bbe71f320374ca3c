/**
 * Header parameters (style `simple`) and cookie parameters (style `form`), OAS 3.1 §4.8.12.4.
 */
import { simple } from './path.js';
import { encodeStrict, shapeOf } from './values.js';

/** Header values are sent as-is; CR/LF would let a value inject a header, so they are refused. */
export function serializeHeaderParam(name: string, value: unknown, explode = false): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = simple(shapeOf(value), explode, (s) => s);
  if (/[\r\n]/.test(text)) throw new TypeError(`Header parameter "${name}" contains a line break`);
  return text;
}

/**
 * One or more `name=value` cookie pairs joined by `; `. With `explode`, arrays repeat the name and
 * objects become one cookie per property, the only reading of `form` that is a valid Cookie header.
 */
export function serializeCookieParam(name: string, value: unknown, explode = true): string | undefined {
  if (value === undefined || value === null) return undefined;
  const shape = shapeOf(value);
  const enc = encodeStrict;
  if (shape.kind === 'empty') return `${name}=`;
  if (shape.kind === 'primitive') return `${name}=${enc(shape.value)}`;
  if (shape.kind === 'array') {
    return explode ? shape.values.map((v) => `${name}=${enc(v)}`).join('; ') : `${name}=${shape.values.map(enc).join(',')}`;
  }
  return explode
    ? shape.entries.map(([k, v]) => `${k}=${enc(v)}`).join('; ')
    : `${name}=${shape.entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',')}`;
}
