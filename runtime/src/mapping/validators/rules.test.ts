import { describe, expect, it } from 'vitest';
import { BUILTIN_VALIDATORS } from './rules.js';

type Row = [rule: string, options: Record<string, unknown>, value: unknown, passes: boolean];

const rows: Row[] = [
  ['email', {}, 'ada@example.com', true],
  ['email', {}, 'first.last+tag@sub.example.co.uk', true],
  ['email', {}, 'jürgen@müller.de', true],
  ['email', {}, 'ada@localhost', false],
  ['email', {}, 'ada@@example.com', false],
  ['email', {}, 'ada example@example.com', false],
  ['email', {}, 'ada..x@example.com', false],
  ['email', {}, 'ada@example..com', false],
  ['email', {}, '', false],
  ['email', {}, 42, false],
  ['pattern', { pattern: '^[A-Z]{2}-\\d+$' }, 'DE-123', true],
  ['pattern', { pattern: '^[A-Z]{2}-\\d+$' }, 'de-123', false],
  ['pattern', { pattern: '^[A-Z]{2}-\\d+$', flags: 'i' }, 'de-123', true],
  ['pattern', { pattern: 'a', flags: 'g' }, 'a', true],
  ['pattern', { pattern: '^\\p{L}+$', flags: 'u' }, 'Ünïcode', true],
  ['pattern', { pattern: '^\\d+$' }, 123, false],
  ['enum', { enum: ['open', 'closed'] }, 'open', true],
  ['enum', { values: ['open', 'closed'] }, 'Open', false],
  ['enum', { values: [1, 2] }, '1', false],
  ['min', { min: 0 }, 0, true],
  ['min', { min: 0 }, -0.01, false],
  ['min', { min: 0 }, '5', false],
  ['max', { max: 10 }, 10, true],
  ['max', { max: 10 }, 10.5, false],
  ['minLength', { minLength: 2 }, 'ab', true],
  ['minLength', { minLength: 2 }, '🙂', false],
  ['maxLength', { maxLength: 2 }, '🙂🙂', true],
  ['maxLength', { maxLength: 2 }, 'abc', false],
  ['maxLength', { maxLength: 2 }, ['a', 'b', 'c'], false],
  ['maxLength', { maxLength: 2 }, null, false],
  ['type', { type: 'string' }, '', true],
  ['type', { type: 'number' }, Number.NaN, false],
  ['type', { type: 'integer' }, 3, true],
  ['type', { type: 'integer' }, 3.5, false],
  ['type', { type: 'boolean' }, 'true', false],
  ['type', { type: 'object' }, [], false],
  ['type', { type: 'array' }, [], true],
  ['type', { type: 'null' }, null, true],
];

describe('validation rules', () => {
  it.each(rows)('%s %j on %j passes: %s', (rule, options, value, passes) => {
    const message = BUILTIN_VALIDATORS.get(rule)!.prepare(options)(value);
    expect(message === undefined).toBe(passes);
  });

  it.each([
    ['pattern', { pattern: '([a-z' }],
    ['pattern', { pattern: 'a', flags: 'q' }],
    ['pattern', {}],
    ['enum', { values: [] }],
    ['min', { min: '3' }],
    ['minLength', { minLength: -1 }],
    ['type', { type: 'date' }],
  ])('%s refuses %j at load', (rule, options) => {
    expect(() => BUILTIN_VALIDATORS.get(rule)!.prepare(options)).toThrow();
  });
});
