/**
 * Plain data (the OperationSpec and ConnectorDefinition values the runtime reads) as TypeScript
 * source, formatted the way prettier would: on one line when it fits, one entry per line when not.
 * Keys keep their insertion order, so a caller that builds its objects in a fixed order gets
 * byte-identical output every time.
 */
import { propertyKey, stringLiteral } from './safe.js';

export type Data = string | number | boolean | null | undefined | Identifier | readonly Data[] | { readonly [key: string]: Data };

/** A constant declared elsewhere in the output, printed as its name. */
export class Identifier {
  constructor(readonly name: string) {}
}

const WIDTH = 100;

/**
 * Source for `value` on a line indented by `indent`, after `used` columns of other text (a key, a
 * `= ` and the like). `undefined` entries are skipped.
 */
export function dataLiteral(value: Data, indent = '', used = 0): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot emit ${value} as a literal`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Identifier) return value.name;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const items = (value as readonly Data[]).map((item) => dataLiteral(item, inner, 1));
    return wrap('[', ']', items, indent, used, false);
  }
  const entries = Object.entries(value as { readonly [key: string]: Data })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const key = propertyKey(k);
      return `${key}: ${dataLiteral(v, inner, key.length + 3)}`;
    });
  return wrap('{', '}', entries, indent, used, true);
}

function wrap(open: string, close: string, items: string[], indent: string, used: number, spaced: boolean): string {
  if (items.length === 0) return open + close;
  const pad = spaced ? ' ' : '';
  const flat = `${open}${pad}${items.join(', ')}${pad}${close}`;
  if (!flat.includes('\n') && indent.length + used + flat.length <= WIDTH) return flat;
  const inner = indent + '  ';
  return `${open}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}${close}`;
}
