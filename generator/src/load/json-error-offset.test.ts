import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, 2.5e3, -0, "x\\u00e9", true, false, null, {}]', undefined],
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{"a": 1', 7],
    ['{"a": "x\\q"}', 9],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
    ['[01]', 2],
  ])('%s -> %s', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    // Agree with the real parser on whether the text is valid at all.
    expect(() => JSON.parse(text)).toSatisfy((parse: () => unknown) => {
      try {
        parse();
        return offset === undefined;
      } catch {
        return offset !== undefined;
      }
    });
  });
});
