import { describe, expect, it } from 'vitest';
import { buildIR } from '../../ir/build/document.js';
import { emit } from '../index.js';
import { LISTED_ACTIONS } from './readme.js';

/** A spec of `count` operations over two tags, every third one paginated by a `page` parameter. */
function spec(count: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const paged = i % 3 === 0;
    paths[`/things${i}`] = {
      get: {
        operationId: `getThings${i}`,
        summary: `Summary of operation ${i}`,
        tags: [i % 2 === 0 ? 'even' : 'odd'],
        parameters: paged ? [{ name: 'page', in: 'query', schema: { type: 'integer' } }] : [],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } },
      },
    };
  }
  return { openapi: '3.0.3', info: { title: 'Many', version: '1.0.0' }, servers: [{ url: 'https://api.example.com' }], paths };
}

const readme = (count: number): string => emit(buildIR(spec(count))).get('README.md')!;

describe('README actions', () => {
  it(`lists every action, request and summary up to ${LISTED_ACTIONS} actions`, () => {
    const text = readme(LISTED_ACTIONS);
    expect(text).toContain('| `getThings99` | `GET /things99` | Summary of operation 99 |');
    expect(text).toContain('| `getThings0` | page number, by `page` |');
    expect(text).not.toContain('| Group | Actions | Source |');
  });

  it('past that, lists each group with its count and source file, and pagination by strategy', () => {
    const text = readme(LISTED_ACTIONS + 1);
    expect(text).toContain(`${LISTED_ACTIONS + 1} actions in 2 groups`);
    expect(text).toContain('| even | 51 | `src/actions/even.ts` |');
    expect(text).toContain('| odd | 50 | `src/actions/odd.ts` |');
    expect(text).toContain('| page number, by `page` | 34 |');
    expect(text).not.toContain('Summary of operation');
    expect(text).not.toContain('`getThings0`');
  });
});
