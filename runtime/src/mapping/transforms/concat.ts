import { asText, stringOption, type Transform } from './transform.js';

/** concat: joins the values of several sources; missing and empty ones are skipped, not doubled separators. */
export const concat: Transform = {
  options: ['separator'],
  handlesMissing: true,
  prepare(options) {
    const separator = stringOption(options, 'separator', '')!;
    return (value) => {
      if (!Array.isArray(value)) return asText(value, 'concat');
      let out = '';
      let first = true;
      for (const part of value) {
        if (part === undefined || part === null || part === '') continue;
        out += first ? asText(part, 'concat') : separator + asText(part, 'concat');
        first = false;
      }
      return out;
    };
  },
};
