import { describe, expect, it } from 'vitest';
import { lintFixture, only } from '../testing.js';

const CODE = 'CG_CALLBACK_NOT_GENERATED';

describe(CODE, () => {
  it('reports each callback operation at info level, with its pointer', async () => {
    const found = only(CODE, await lintFixture('bad/webhooks-callbacks.yaml'));
    expect(found.map((d) => [d.severity, d.pointer])).toEqual([
      ['info', '/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1callbackUrl}/post'],
    ]);
  });

  it('is silent on a spec without callbacks', async () => {
    expect(only(CODE, await lintFixture('good/webhooks-oas31.yaml'))).toEqual([]);
  });
});
