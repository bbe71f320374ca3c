/**
 * The generated README says which requests are retried; the runtime must do exactly that. For each
 * retry config, the README's paragraph is checked against a real client calling a real 127.0.0.1
 * server that always answers 503.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ConnectorDefinition, type RetryConfig } from '@connectgen/runtime';
import { retryText } from '../generator/src/emit/view/readme.js';
import { json, startServer, type TestServer } from '../runtime/src/testing/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 503, { error: 'busy' }));
});
afterAll(() => server.close());

const METHODS = ['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] as const;

/** How many requests one call with `method` makes against the always-503 server. */
async function attempts(retry: RetryConfig, method: (typeof METHODS)[number]): Promise<number> {
  const definition: ConnectorDefinition = { name: 'retry-readme', version: '1.0.0', servers: [], auth: {}, retry: { ...retry, baseDelayMs: 0 } };
  const client = createClient(definition, { baseUrl: server.origin });
  const before = server.received.length;
  await client.action({ id: 'x', method, path: '/x', parameters: [], response: 'json' })({}).catch(() => undefined);
  await client.close();
  return server.received.length - before;
}

describe('the README retry paragraph', () => {
  it.each<[string, RetryConfig]>([
    ['default', {}],
    ['with an idempotency key header', { idempotencyKeyHeader: 'Idempotency-Key', maxAttempts: 3 }],
    ['retries off', { maxAttempts: 1 }],
  ])('%s: claims exactly the methods and attempts the runtime makes', async (_name, retry) => {
    const text = retryText(retry).replace(/\s+/g, ' ');
    const claimed = /^A (.*?) request that fails .*? is tried up to (\d+) times/.exec(text);
    for (const method of METHODS) {
      const made = await attempts(retry, method);
      const named = claimed !== null && new RegExp(`\\b${method}\\b`).test(claimed[1]!);
      expect({ method, retried: made > 1 }).toEqual({ method, retried: named });
      if (named) expect(made).toBe(Number(claimed![2]));
    }
    if (claimed === null) expect(text).toBe('Failed requests are not retried.');
  });
});
