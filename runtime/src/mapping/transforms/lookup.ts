/**
 * lookup: a value -> value table (country names to codes, status words to enum members), with a
 * `default` for anything not in it and a `caseInsensitive` option. Without a default, a value
 * missing from the table is a field error: silently passing it on would hide bad data.
 */
import { TransformFailure } from '../errors.js';
import { OptionError, booleanOption, type Transform } from './transform.js';

export const lookup: Transform = {
  options: ['table', 'default', 'caseInsensitive'],
  prepare(options) {
    const table = options['table'];
    if (table === null || typeof table !== 'object' || Array.isArray(table)) {
      throw new OptionError('table', 'lookup needs a `table` object mapping source values to target values', 'table: { active: ACTIVE, inactive: DISABLED }');
    }
    const fold = booleanOption(options, 'caseInsensitive', false);
    const entries = new Map<string, unknown>();
    for (const [key, mapped] of Object.entries(table)) entries.set(fold ? key.toLowerCase() : key, mapped);
    const hasDefault = Object.hasOwn(options, 'default');
    const fallback = options['default'];
    return (value) => {
      const key = String(value);
      const hit = entries.get(fold ? key.toLowerCase() : key);
      if (hit !== undefined) return hit;
      if (hasDefault) return fallback;
      throw new TransformFailure(`${JSON.stringify(value)} is not in the lookup table`);
    };
  },
};
