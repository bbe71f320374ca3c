/** split: one text into a list at `separator` (default ','), or the part at `index` (negative counts from the end). */
import { OptionError, asText, booleanOption, stringOption, type Transform } from './transform.js';

export const split: Transform = {
  options: ['separator', 'index', 'trim'],
  prepare(options) {
    const separator = stringOption(options, 'separator', ',')!;
    if (separator === '') throw new OptionError('separator', 'separator cannot be empty');
    const index = options['index'];
    if (index !== undefined && !Number.isInteger(index)) throw new OptionError('index', 'index must be a whole number (negative counts from the end)');
    const trimParts = booleanOption(options, 'trim', false);
    return (value) => {
      let parts = asText(value, 'split').split(separator);
      if (trimParts) parts = parts.map((p) => p.trim());
      return index === undefined ? parts : parts.at(index as number);
    };
  },
};
