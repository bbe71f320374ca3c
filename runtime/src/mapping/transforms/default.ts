/** default: a value for missing or empty ones (undefined, null, ''). */
import { OptionError, type Transform } from './transform.js';

export const defaultValue: Transform = {
  options: ['value'],
  handlesMissing: true,
  prepare(options) {
    if (!Object.hasOwn(options, 'value')) throw new OptionError('value', 'default needs a `value`');
    const fallback = options['value'];
    return (value) => (value === undefined || value === null || value === '' ? fallback : value);
  },
};
