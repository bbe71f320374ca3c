import { TransformFailure } from '../errors.js';
import { OptionError, describeValue, stringOption, type Transform } from './transform.js';

/**
 * number: text to a number. `decimalSeparator: ","` reads European `1.234,5`; the other separator is
 * taken as grouping and dropped. `integer: true` refuses fractions rather than rounding them.
 */
/** The common case, read without the separator clean-up. */
const PLAIN = /^-?\d+(\.\d+)?$/;

export const number: Transform = {
  options: ['decimalSeparator', 'integer'],
  prepare(options) {
    const decimal = stringOption(options, 'decimalSeparator', '.')!;
    if (decimal !== '.' && decimal !== ',') throw new OptionError('decimalSeparator', 'decimalSeparator must be "." or ","');
    const grouping = decimal === '.' ? /[,\s\u00a0\u202f_]/g : /[.\s\u00a0\u202f_]/g;
    const integer = options['integer'] === true;
    return (value) => {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'string' && PLAIN.test(value)) n = Number(value);
      else if (typeof value === 'string' && value.trim() !== '') {
        const text = value.trim().replace(grouping, '');
        n = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(text) ? Number(decimal === ',' ? text.replace(',', '.') : text) : Number.NaN;
      } else throw new TransformFailure(`number expects text or a number, got ${value === '' ? 'empty text' : describeValue(value)}`);
      if (!Number.isFinite(n)) throw new TransformFailure(`${JSON.stringify(value)} is not a number`);
      if (integer && !Number.isInteger(n)) throw new TransformFailure(`${JSON.stringify(value)} is not a whole number`);
      return n;
    };
  },
};
