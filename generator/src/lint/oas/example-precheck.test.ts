/**
 * The precheck never contradicts Ajv as Spectral sets it up: each case is also compiled and run by a
 * draft-04 Ajv with spectral-functions' options and formats. `valid` must mean Ajv accepts schema and
 * data; `invalid` that it rejects them; `unsure` is always allowed but the table says when we expect it.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createExamplePrecheck, nullableCompileError, rootTypeSchema, type Verdict } from './example-precheck.js';

const fromFunctions = createRequire(createRequire(import.meta.url).resolve('@stoplight/spectral-functions'));
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
const Draft04 = (fromFunctions('ajv-draft-04') as { default: new (o: object) => { compile(s: object): Validate } }).default;
const addFormats = (fromFunctions('ajv-formats') as { default: (ajv: object) => void }).default;

function ajvVerdict(schema: object, data: unknown): 'valid' | 'invalid' {
  const ajv = new Draft04({ allErrors: false, meta: true, messages: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false });
  addFormats(ajv);
  try {
    return ajv.compile(JSON.parse(JSON.stringify(schema)))(data) ? 'valid' : 'invalid';
  } catch {
    return 'invalid'; // Spectral reports a schema Ajv cannot compile
  }
}

const person = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string', minLength: 2 }, tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, uniqueItems: true } }, additionalProperties: false };

const CASES: [string, object, unknown, Verdict][] = [
  ['an object that fits', person, { id: 1, name: 'Al', tags: ['a'] }, 'valid'],
  ['a missing required property', person, { id: 1 }, 'invalid'],
  ['an additional property', person, { id: 1, name: 'Al', x: 1 }, 'invalid'],
  ['a float for an integer', person, { id: 1.5, name: 'Al' }, 'invalid'],
  ['too short (surrogate pair counts once)', { type: 'string', minLength: 2 }, '😀', 'invalid'],
  ['two code points', { type: 'string', minLength: 2 }, '😀x', 'valid'],
  ['duplicate items', person, { id: 1, name: 'Al', tags: ['a', 'a'] }, 'invalid'],
  ['nullable allows null', { type: 'string', nullable: true }, null, 'valid'],
  ['null without nullable', { type: 'string' }, null, 'invalid'],
  ['nullable without type does not compile', { nullable: true }, 'x', 'unsure'],
  ['a format it checks', { type: 'string', format: 'date-time' }, '2024-01-01T00:00:00Z', 'valid'],
  ['a bad date-time', { type: 'string', format: 'date-time' }, 'yesterday', 'invalid'],
  ['an int32 out of range', { type: 'integer', format: 'int32' }, 2 ** 40, 'invalid'],
  ['an unknown format is ignored', { type: 'string', format: 'colour' }, 'red', 'valid'],
  ['draft-04 exclusiveMaximum', { type: 'number', maximum: 5, exclusiveMaximum: true }, 5, 'invalid'],
  ['a pattern without the u flag', { type: 'string', pattern: '^[a-z]+$' }, 'abc', 'valid'],
  ['a pattern Ajv cannot compile', { type: 'string', pattern: '(' }, 'abc', 'unsure'],
  ['\\Z in a pattern is an identity escape, as in Ajv', { type: 'string', pattern: 'a\\Z' }, 'aZ', 'valid'],
  ['oneOf with two matches', { oneOf: [{ type: 'integer' }, { type: 'number' }] }, 1, 'invalid'],
  ['oneOf with one match', { oneOf: [{ type: 'integer' }, { type: 'string' }] }, 1, 'valid'],
  ['anyOf', { anyOf: [{ type: 'integer' }, { type: 'string' }] }, true, 'invalid'],
  ['allOf', { allOf: [{ required: ['a'] }, { properties: { a: { enum: [1] } } }] }, { a: 2 }, 'invalid'],
  ['not', { not: { type: 'string' } }, 'x', 'invalid'],
  ['enum by deep equality', { enum: [{ a: [1, 2] }] }, { a: [1, 2] }, 'valid'],
  ['required: [] fails the meta-schema', { type: 'object', required: [] }, {}, 'unsure'],
  ['an inherited property name is left to Ajv', { type: 'object', required: ['constructor'] }, {}, 'unsure'],
  ['a $ref left by a cycle', { type: 'object', properties: { self: { $ref: '#/components/schemas/A' } } }, {}, 'unsure'],
  ['multipleOf is not modelled', { type: 'number', multipleOf: 0.1 }, 0.3, 'unsure'],
  ['readOnly and other annotations are ignored', { type: 'object', readOnly: true, description: 'd', example: 1, 'x-any': 2 }, {}, 'valid'],
];

describe('example precheck agrees with Ajv', () => {
  it.each(CASES)('%s', (_name, schema, data, expected) => {
    const verdict = createExamplePrecheck()(schema as Record<string, unknown>, data);
    expect(verdict).toBe(expected);
    if (verdict !== 'unsure') expect(ajvVerdict(schema, data)).toBe(verdict);
  });
});

describe('rootTypeSchema gives the error Ajv gives first', () => {
  const CASES: [string, object, unknown, boolean][] = [
    ['a number for a string', { type: 'string', format: 'date-time', description: 'd' }, 5, true],
    ['an object for an array', { type: 'array', items: { type: 'string' } }, { a: 1 }, true],
    ['null for a nullable-less integer', { type: 'integer', nullable: false }, null, true],
    ['a keyword of the data type runs first', { type: 'string', minimum: 10 }, 5, false],
    ['an int32 format runs on numbers first', { type: 'string', format: 'int32' }, 2 ** 40, false],
    ['a date-time format does not run on numbers', { type: 'string', format: 'date-time' }, 2 ** 40, true],
    ['a date-time format runs on strings first', { type: 'integer', format: 'date-time' }, 'x', false],
    ['enum runs first', { type: 'string', enum: ['a'] }, 5, false],
    ['the type matches', { type: 'string' }, 'x', false],
  ];
  it.each(CASES)('%s', (_name, schema, data, shortcut) => {
    const small = rootTypeSchema(schema as Record<string, unknown>, data);
    expect(small !== undefined).toBe(shortcut);
    if (small) expect(firstError(small, data)).toEqual(firstError(schema, data));
  });
});

function firstError(schema: object, data: unknown): unknown {
  const ajv = new Draft04({ allErrors: false, meta: true, messages: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(JSON.stringify(schema)));
  validate(data);
  return validate.errors;
}

describe('nullableCompileError is what Ajv throws', () => {
  const thrown = (schema: object): string | undefined => {
    const ajv = new Draft04({ allErrors: false, meta: true, messages: true, strict: false, allowUnionTypes: true, unicodeRegExp: false, logger: false });
    addFormats(ajv);
    try {
      ajv.compile(JSON.parse(JSON.stringify(schema)));
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  it.each([
    ['deep in a property', { type: 'object', properties: { a: { nullable: true, allOf: [{ type: 'string' }] } } }, true],
    ['at the root', { nullable: true, oneOf: [{ type: 'string' }, { type: 'integer' }] }, true],
    ['only in unreferenced definitions', { type: 'object', definitions: { a: { nullable: true } } }, false],
    ['beside a meta-schema error, which Ajv reports first', { nullable: true, required: [] }, false],
    ['nothing wrong', { type: 'string', nullable: true }, false],
  ])('%s', (_name, schema, known) => {
    const message = nullableCompileError(schema as Record<string, unknown>);
    expect(message !== undefined).toBe(known);
    if (message) expect(thrown(schema)).toBe(message);
  });
});
