import { describe, expect, it } from 'vitest';
import { countKeys, scanJsonText } from './depth.js';
import { parseText } from './parse.js';

describe('scanJsonText', () => {
  it.each([
    ['{}', 1, 0],
    ['[]', 1, 0],
    ['{"a": 1, "b" :{"c":[1,{"d":"x"}]}}', 4, 4],
    // Quotes, colons and brackets inside strings are text, not structure.
    ['{"a\\"b": "c: {[", "d": ["e:", "f\\\\"], "g"\n\t : "h"}', 2, 3],
    ['["a", "b:", {"c": "d"}]', 2, 1],
  ])('%s nests %i deep and writes %i keys', (text, depth, keys) => {
    expect(scanJsonText(text)).toEqual({ depth, keys });
    expect(countKeys(JSON.parse(text))).toBe(keys);
  });

  it('counts more keys in the text than the parsed value holds exactly when one repeats', () => {
    const text = '{"a": 1, "b": {"c": 2, "c": 3}, "a": 4}';
    expect(scanJsonText(text).keys).toBe(5);
    expect(countKeys(JSON.parse(text))).toBe(3);
  });
});

describe('duplicate keys in JSON', () => {
  it('are still reported with their pointer, and a document without any gets no finding', () => {
    const repeated = parseText('{"paths": {"/a": {"get": {}, "get": {"x": 1}}}}', 'spec.json');
    expect(repeated.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['CG_DUPLICATE_KEY', '/paths/~1a/get']]);
    expect(parseText('{"paths": {"/a": {"get": {}, "put": {"a:": "b\\": \\"c"}}}}', 'spec.json').diagnostics).toEqual([]);
  });
});
