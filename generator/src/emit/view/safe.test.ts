import { describe, expect, it } from 'vitest';
import { docBlock } from './doc.js';
import { dataLiteral } from './literal.js';
import { docLines, fileStem, identifier, markdownInline, propertyKey, stringLiteral } from './safe.js';

describe('stringLiteral', () => {
  it.each([
    ['plain', '"plain"'],
    ['quote " and \\ backslash', '"quote \\" and \\\\ backslash"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['`${x}`', '"`${x}`"'],
    ['a\u202eb\u2066', '"a\\u202eb\\u2066"'],
  ])('%j -> %s', (input, expected) => {
    expect(stringLiteral(input)).toBe(expected);
    // eslint-disable-next-line no-new-func
    expect(new Function(`return ${stringLiteral(input)};`)()).toBe(input);
  });
});

describe('propertyKey', () => {
  it('writes identifiers bare, other keys quoted and __proto__ computed', () => {
    expect(propertyKey('name')).toBe('name');
    expect(propertyKey('content-type')).toBe('"content-type"');
    expect(propertyKey('__proto__')).toBe('["__proto__"]');
  });

  it('keeps __proto__ an own property of the emitted object', () => {
    // eslint-disable-next-line no-new-func
    const value = new Function(`return ${dataLiteral(Object.fromEntries([['__proto__', { polluted: true }]]))};`)();
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('identifier', () => {
  it('refuses anything that is not a plain, unreserved identifier', () => {
    expect(identifier('listPets')).toBe('listPets');
    for (const bad of ['', 'a b', 'x;y', 'class', 'await', '1a', 'a\u2028']) {
      expect(() => identifier(bad)).toThrow(expect.objectContaining({ code: 'CG_EMIT_BAD_IDENTIFIER' }));
    }
  });
});

describe('comments', () => {
  it('cannot be closed early by spec text', () => {
    const lines = docBlock(['Ends here */ globalThis.x = 1; /*', 'a\u2028b\r\nc']);
    const text = lines.join('\n');
    expect(text.indexOf('*/')).toBe(text.length - 2);
    expect(lines).toEqual(['/**', ' * Ends here *\\/ globalThis.x = 1; /*', ' *', ' * a', ' * b', ' * c', ' */']);
  });

  it('drops leading and trailing blank lines', () => {
    expect(docLines('\n\n text \n\n')).toEqual([' text']);
    expect(docBlock([undefined, ''])).toEqual([]);
    expect(docBlock(['one line'])).toEqual(['/** one line */']);
  });
});

describe('markdownInline', () => {
  it('keeps a table cell one cell', () => {
    expect(markdownInline('a | b\nc <script>')).toBe('a \\| b c \\<script\\>');
  });
});

describe('fileStem', () => {
  it.each([
    ['Pets', 'pets'],
    ['../../etc/passwd', 'etc-passwd'],
    ['User Accounts', 'user-accounts'],
    ['日本語', 'default'],
  ])('%j -> %s', (input, expected) => expect(fileStem(input)).toBe(expected));
});

describe('dataLiteral', () => {
  it('prints short values on one line and long ones one entry per line', () => {
    expect(dataLiteral({ a: 1, b: [true, null], c: undefined })).toBe('{ a: 1, b: [true, null] }');
    const long = dataLiteral({ parameters: [{ name: 'a'.repeat(40), key: 'b'.repeat(20), in: 'query' }] });
    expect(long).toBe(
      `{\n  parameters: [\n    { name: "${'a'.repeat(40)}", key: "${'b'.repeat(20)}", in: "query" },\n  ],\n}`,
    );
  });
});
