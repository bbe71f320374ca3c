/**
 * Query parameters: styles `form` (default; explode defaults to true), `spaceDelimited`,
 * `pipeDelimited` and `deepObject` (OAS 3.1 §4.8.12.4), plus `allowReserved`.
 *
 * Returns a query-string fragment (`a=1&a=2`), not URLSearchParams: URLSearchParams would encode the
 * delimiters the styles define (`,` `|`) and write spaces as `+`, which the spec does not.
 */
import type { ParameterStyle } from '../../definition.js';
import { encodeAllowReserved, encodeStrict, scalarText, shapeOf } from './values.js';

export function serializeQueryParam(
  name: string,
  value: unknown,
  style: ParameterStyle = 'form',
  explode: boolean = style === 'form',
  allowReserved = false,
): string {
  if (value === undefined || value === null) return '';
  const enc = allowReserved ? encodeAllowReserved : encodeStrict;
  const n = encodeStrict(name);
  if (style === 'deepObject') return deepObject(n, value, enc);
  const shape = shapeOf(value);
  if (shape.kind === 'empty') return explode && typeof value === 'object' ? '' : `${n}=`;
  if (shape.kind === 'primitive') return `${n}=${enc(shape.value)}`;
  if (shape.kind === 'array') {
    if (explode) return shape.values.map((v) => `${n}=${enc(v)}`).join('&');
    return `${n}=${shape.values.map(enc).join(delimiter(style))}`;
  }
  if (explode && style === 'form') return shape.entries.map(([k, v]) => `${encodeStrict(k)}=${enc(v)}`).join('&');
  return `${n}=${shape.entries.flatMap(([k, v]) => [encodeStrict(k), enc(v)]).join(delimiter(style))}`;
}

function delimiter(style: ParameterStyle): string {
  if (style === 'spaceDelimited') return '%20';
  if (style === 'pipeDelimited') return '|';
  return ',';
}

/**
 * `deepObject`: `color[R]=100&color[G]=200`. The spec defines one level; nested objects and arrays
 * follow the common bracket convention (`a[b][c]=1`, `a[list]=x&a[list]=y`).
 */
function deepObject(prefix: string, value: unknown, enc: (s: string) => string): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => deepObject(prefix, v, enc)).filter(Boolean).join('&');
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => deepObject(`${prefix}[${encodeStrict(k)}]`, v, enc))
      .filter(Boolean)
      .join('&');
  }
  return `${prefix}=${enc(scalarText(value))}`;
}
