import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

const joined = (value: unknown, indent: number, depth?: number): string => [...jsonChunks(value, indent, depth)].join('');

// A spec-like document with the cases JSON.stringify has rules for, at every level the chunker splits.
const document = {
  openapi: '3.0.3',
  info: { title: 'Pets \u2028 "quoted"\nline', version: '1', empty: {}, none: [] },
  paths: {
    '/pets': {
      get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/c' } } } } } } },
      parameters: [{ name: 'a', in: 'query' }, undefined, () => 1, [], {}, [1, [2, [3]]], null, Number.NaN],
      skipped: undefined,
      fn: () => 1,
    },
    '/__proto__': JSON.parse('{"__proto__": {"x": 1}, "2": "two", "1": "one"}') as unknown,
  },
  components: { schemas: { When: new Date(0), Nested: { a: { b: { c: { d: [{ e: 'deep' }] } } } } } },
  list: [[], [[]], [{}], 'x', true, -0, 1e21],
};

describe('jsonChunks', () => {
  it.each([0, 1, 2, 4])('gives JSON.stringify(value, null, %i) byte for byte, at every split depth', (indent) => {
    for (const depth of [0, 1, 2, 3, 5, 10]) expect(joined(document, indent, depth)).toBe(JSON.stringify(document, null, indent));
  });

  it('handles values that are not objects, or have no JSON form, as JSON.stringify does', () => {
    for (const value of ['text', 42, null, true, [], {}, [undefined], { a: undefined }, new Date(5), Object.create(null) as object]) {
      expect(joined(value, 1)).toBe(JSON.stringify(value, null, 1));
    }
    expect(joined(undefined, 1)).toBe('');
  });

  it('hands out the document in pieces no larger than one member of its third level', () => {
    const paths = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`/p${i}`, { get: { description: 'x'.repeat(1000) } }]));
    const pieces = [...jsonChunks({ paths }, 1)];
    expect(pieces.join('')).toBe(JSON.stringify({ paths }, null, 1));
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(1100);
  });

  it('throws on a cycle as JSON.stringify does, rather than looping', () => {
    const cyclic: Record<string, unknown> = { a: { b: {} } };
    (cyclic['a'] as { b: Record<string, unknown> }).b['c'] = cyclic;
    expect(() => joined(cyclic, 1)).toThrow(TypeError);
  });
});
