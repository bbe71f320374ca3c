import { asText, stringOption, type Transform } from './transform.js';

/** concat: joins the values of several sources; missing and empty ones are skipped, not doubled separators. */
export const concat: Transform = {
  options: ['separator'],
  handlesMissing: true,
  prepare(options) {
    const separator = stringOption(options, 'separator', '')!;
    return (value) => {
      const parts = Array.isArray(value) ? value : [value];
      return parts
        .filter((p) => p !== undefined && p !== null && p !== '')
        .map((p) => asText(p, 'concat'))
        .join(separator);
    };
  },
};
