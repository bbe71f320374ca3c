/**
 * Path parameters: styles `simple` (default), `label` and `matrix` (OAS 3.1 §4.8.12.4).
 * Values are always percent-encoded; `allowReserved` applies to query parameters only.
 */
import type { ParameterStyle } from '../../definition.js';
import { encodeStrict, shapeOf } from './values.js';

export function serializePathParam(name: string, value: unknown, style: ParameterStyle = 'simple', explode = false): string {
  const shape = shapeOf(value);
  const enc = encodeStrict;
  switch (style) {
    case 'label': {
      if (shape.kind === 'empty') return '.';
      if (shape.kind === 'primitive') return `.${enc(shape.value)}`;
      if (shape.kind === 'array') return `.${shape.values.map(enc).join(explode ? '.' : ',')}`;
      return explode
        ? `.${shape.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('.')}`
        : `.${shape.entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',')}`;
    }
    case 'matrix': {
      const n = enc(name);
      if (shape.kind === 'empty') return `;${n}`;
      if (shape.kind === 'primitive') return `;${n}=${enc(shape.value)}`;
      if (shape.kind === 'array') {
        return explode ? shape.values.map((v) => `;${n}=${enc(v)}`).join('') : `;${n}=${shape.values.map(enc).join(',')}`;
      }
      return explode
        ? shape.entries.map(([k, v]) => `;${enc(k)}=${enc(v)}`).join('')
        : `;${n}=${shape.entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',')}`;
    }
    default:
      return simple(shape, explode, enc);
  }
}

/** `simple` style, shared with headers (which pass an identity encoder). */
export function simple(shape: ReturnType<typeof shapeOf>, explode: boolean, enc: (s: string) => string): string {
  if (shape.kind === 'empty') return '';
  if (shape.kind === 'primitive') return enc(shape.value);
  if (shape.kind === 'array') return shape.values.map(enc).join(',');
  return explode
    ? shape.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(',')
    : shape.entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',');
}
