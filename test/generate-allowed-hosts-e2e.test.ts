/**
 * connector.yaml `allowedHosts` reach the generated connector: specs/features/allowed-hosts is a
 * vendor whose list pages continue on a second host. The test writes a copy of its connector.yaml
 * naming its own 127.0.0.1 servers, generates and compiles the package, and pages through it: the
 * allowed host is followed without the API key, a host not listed stops the iteration with
 * CG_PAGINATION_FOREIGN_HOST, and the connector's `allowedHosts` option adds to the file's list.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector, REPO_ROOT, TMP_ROOT } from './helpers/generate.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type Connector = { listDocuments: { all(input?: unknown): AsyncIterable<{ id: string }> }; close(): Promise<void> };
type Factory = (options: Record<string, unknown>) => Connector;

const KEY = 'ak-allowed-hosts-secret';
let api: TestServer;
let replica: TestServer;
let stranger: TestServer;
let create: Factory;
let indexSource: string;
const host = (server: TestServer) => new URL(server.url).host;

beforeAll(async () => {
  [api, replica, stranger] = await Promise.all([startServer(), startServer(), startServer()]);
  const feature = join(REPO_ROOT, 'specs/features/allowed-hosts');
  const configDir = join(TMP_ROOT, 'allowed-hosts-config');
  mkdirSync(configDir, { recursive: true });
  copyFileSync(join(feature, 'openapi.yaml'), join(configDir, 'openapi.yaml'));
  const yaml = readFileSync(join(feature, 'connector.yaml'), 'utf8').replace(/^allowedHosts: .*$/m, `allowedHosts: ["${host(replica)}", Replica.Archive.Example.COM]`);
  writeFileSync(join(configDir, 'connector.yaml'), yaml);
  const { dir, ir } = await generateInto(join(configDir, 'connector.yaml'), 'e2e-allowed-hosts');
  expect((await tsc(dir)).errors).toEqual([]);
  indexSource = readFileSync(join(dir, 'src/index.ts'), 'utf8');
  create = (await importConnector<Record<string, Factory>>(dir))[`create${ir.info.pascalName}Connector`]!;
}, 60_000);

afterAll(async () => {
  await Promise.all([api, replica, stranger].map((s) => s?.close()));
});

/** Page 1 at the API, page 2 on `second` (the replica or a stranger), which ends the list. */
function pages(second: TestServer): void {
  api.reset(() => ({ body: { items: [{ id: 'd1' }, { id: 'd2' }], next: `${second.url}/documents?page=2` } }));
  second.reset(() => ({ body: { items: [{ id: 'd3' }], next: null } }));
}

async function ids(options: Record<string, unknown> = {}): Promise<string[]> {
  const connector = create({ baseUrl: api.url, retry: false, auth: { apiKey: KEY }, ...options });
  try {
    const found: string[] = [];
    for await (const doc of connector.listDocuments.all()) found.push(doc.id);
    return found;
  } finally {
    await connector.close();
  }
}

describe('allowedHosts from connector.yaml through a generated connector', () => {
  it('the definition carries the hosts, in lower case', () => {
    expect(indexSource).toContain(`allowedHosts: ["${host(replica)}", "replica.archive.example.com"]`);
  });

  it('follows a next link to an allowed host, without the API key', async () => {
    pages(replica);
    expect(await ids()).toEqual(['d1', 'd2', 'd3']);
    expect(api.requests[0]?.headers['x-api-key']).toBe(KEY);
    expect(replica.requests).toHaveLength(1);
    expect(replica.requests[0]?.headers['x-api-key']).toBeUndefined();
  });

  it('stops at a next link to a host not listed, and never calls it', async () => {
    pages(stranger);
    await expect(ids()).rejects.toMatchObject({ code: 'CG_PAGINATION_FOREIGN_HOST' });
    expect(stranger.requests).toHaveLength(0);
  });

  it("the connector's allowedHosts option adds to the file's list", async () => {
    pages(stranger);
    expect(await ids({ allowedHosts: [host(stranger)] })).toEqual(['d1', 'd2', 'd3']);
    pages(replica);
    expect(await ids({ allowedHosts: [host(stranger)] })).toEqual(['d1', 'd2', 'd3']);
  });
});
