import { describe, expect, it } from 'vitest';
import { lintFixture, only } from '../testing.js';

const CODE = 'CG_WEBHOOK_NOT_GENERATED';

describe(CODE, () => {
  it('reports each webhook operation at info level, with its pointer', async () => {
    const found = only(CODE, await lintFixture('bad/webhooks-callbacks.yaml'));
    expect(found.map((d) => [d.severity, d.pointer])).toEqual([['info', '/webhooks/orderShipped/post']]);
  });

  it('is silent on a spec without webhooks', async () => {
    expect(only(CODE, await lintFixture('good/petstore-oas30.json'))).toEqual([]);
  });
});
