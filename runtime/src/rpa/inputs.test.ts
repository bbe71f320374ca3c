import { describe, expect, it } from 'vitest';
import { defineJob } from './job/job.js';
import { maskInputs, resolveInputs, RpaInputError, secretValues } from './inputs.js';

const job = defineJob({
  name: 'inputs',
  inputs: {
    name: {},
    count: { type: 'number', default: 1 },
    express: { type: 'boolean', required: false },
    tags: { type: 'list', required: false },
    address: { type: 'object', required: false },
    pin: { type: 'number', secret: true, required: false },
  },
  steps: [{ goto: 'https://example.test/{{ inputs.name }}' }],
});

describe('run inputs', () => {
  it('applies defaults and converts text to the declared types', () => {
    expect(resolveInputs(job, { name: 'Ada', count: '5', express: 'true', tags: 'a, b', address: '{"city":"Paris"}' })).toEqual({
      name: 'Ada',
      count: 5,
      express: true,
      tags: ['a', 'b'],
      address: { city: 'Paris' },
    });
    expect(resolveInputs(job, { name: 'Ada', tags: '["x,y"]' })).toEqual({ name: 'Ada', count: 1, tags: ['x,y'] });
  });

  it.each([
    [{}, '/inputs/name'],
    [{ name: 'Ada', colour: 'red' }, '/inputs/colour'],
    [{ name: 'Ada', count: 'many' }, '/inputs/count'],
    [{ name: 'Ada', express: 'yes' }, '/inputs/express'],
    [{ name: 'Ada', address: '[1]' }, '/inputs/address'],
  ])('refuses %j at %s', (given, pointer) => {
    expect(() => resolveInputs(job, given)).toThrow(expect.objectContaining({ code: 'CG_RPA_INPUT', pointer }));
  });

  it('never quotes a secret input in an error', () => {
    const error = (() => {
      try {
        resolveInputs(job, { name: 'Ada', pin: 'abc-secret-pin' });
      } catch (e) {
        return e as RpaInputError;
      }
    })();
    expect(error?.message).toContain('/inputs/pin');
    expect(error?.message).not.toContain('abc-secret-pin');
  });

  it('masks secret inputs whole and lists their values for the redactor', () => {
    const values = resolveInputs(job, { name: 'Ada', pin: '123456' });
    expect(maskInputs(job, values)).toEqual({ name: 'Ada', count: 1, pin: '[REDACTED]' });
    expect(secretValues(job, values)).toEqual(['123456']);
  });
});
