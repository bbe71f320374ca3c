/** boolean: yes/no words (any case) and 1/0 to a boolean; `true` / `false` options add words. */
import { TransformFailure } from '../errors.js';
import { OptionError, type Transform } from './transform.js';

const TRUE_WORDS = ['true', 'yes', 'y', '1', 'on', 't'];
const FALSE_WORDS = ['false', 'no', 'n', '0', 'off', 'f', ''];

export const boolean: Transform = {
  options: ['true', 'false'],
  prepare(options) {
    const words = (name: 'true' | 'false', base: string[]): Set<string> => {
      const extra = options[name];
      if (extra !== undefined && (!Array.isArray(extra) || !extra.every((w) => typeof w === 'string'))) throw new OptionError(name, `${name} must be a list of words`);
      return new Set([...base, ...((extra as string[] | undefined) ?? [])].map((w) => w.toLowerCase()));
    };
    const yes = words('true', TRUE_WORDS);
    const no = words('false', FALSE_WORDS);
    return (value) => {
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === 0) return value === 1;
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase();
        if (yes.has(word)) return true;
        if (no.has(word)) return false;
      }
      throw new TransformFailure(`${JSON.stringify(value)} is not a yes/no value`);
    };
  },
};
