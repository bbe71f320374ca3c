import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, jsonErrorOffset } from './json-error-offset.js';

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

describe('findDuplicateKeys', () => {
  it('finds repeated members with their pointer and offset, at any depth', () => {
    const text = '{"paths": {"/a": {"get": 1}, "/a": {}}, "x": [{"k": 1, "k": 2}], "y": "\\"k\\""}';
    expect(findDuplicateKeys(text)).toEqual([
      { pointer: '/paths/~1a', offset: text.indexOf('"/a"', text.indexOf('"/a"') + 1) },
      { pointer: '/x/0/k', offset: text.lastIndexOf('"k"') },
    ]);
  });

  it('compares escaped keys by their value and ignores strings that only look like keys', () => {
    expect(findDuplicateKeys('{"a": 1, "\\u0061": 2}')).toHaveLength(1);
    expect(findDuplicateKeys('{"a": "a", "b": ["a", "a"], "c": {"a": 1}}')).toEqual([]);
  });
});
