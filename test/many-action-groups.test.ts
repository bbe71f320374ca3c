/**
 * A connector with more action groups than SPREAD_LIMIT (Microsoft Graph has 478) combines them with
 * Object.assign rather than a spread each, which cost tsc 60 s on Graph. The package must still
 * compile under strict, and every group's actions, testConnection and close must be on the object.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPREAD_LIMIT } from '../generator/src/emit/view/index-file.js';
import { repoRoot } from './helpers/cli.js';
import { generateAndBuild, type BuiltConnector } from './helpers/generated-package.js';
import { startServer, type TestServer } from './helpers/server.js';

const GROUPS = SPREAD_LIMIT + 1;

function manyGroupsSpec(): object {
  const paths: Record<string, object> = {};
  for (let i = 0; i < GROUPS; i++) {
    paths[`/things${i}/{id}`] = {
      get: {
        operationId: `getThing${i}`,
        tags: [`group${i}`],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Many groups', version: '1.0.0' },
    servers: [{ url: 'https://example.com' }],
    paths,
    components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'string' }, group: { type: 'integer' } }, required: ['id'] } } },
  };
}

describe(`a connector with ${GROUPS} action groups`, () => {
  let server: TestServer;
  let built: BuiltConnector;

  beforeAll(async () => {
    server = await startServer((request) => ({ body: { id: request.path.split('/')[2], group: Number(request.path.split('/')[1]!.slice('things'.length)) } }));
    const dir = path.join(repoRoot, '.tmp', 'many-groups-spec');
    await mkdir(dir, { recursive: true });
    const spec = path.join(dir, 'openapi.json');
    await writeFile(spec, JSON.stringify(manyGroupsSpec()));
    built = await generateAndBuild(spec, 'many-groups');
  });
  afterAll(async () => server?.close());

  it('combines the groups with one Object.assign and compiles under strict', async () => {
    const index = await readFile(path.join(built.dir, 'src', 'index.ts'), 'utf8');
    expect(index).toContain('return Object.assign(');
    expect(index).not.toContain('...createGroup0Actions(client)');
  });

  it("has every group's action, testConnection and close, and the actions call the server", async () => {
    const connector = built.create({ baseUrl: server.url });
    for (let i = 0; i < GROUPS; i++) expect(typeof connector[`getThing${i}`], `getThing${i}`).toBe('function');
    expect(typeof connector.testConnection).toBe('function');
    await expect(connector.getThing0({ id: 'a' })).resolves.toEqual({ id: 'a', group: 0 });
    await expect(connector[`getThing${GROUPS - 1}`]({ id: 'z' })).resolves.toEqual({ id: 'z', group: GROUPS - 1 });
    expect(server.requests.map((r) => r.path)).toEqual(['/things0/a', `/things${GROUPS - 1}/z`]);
    await connector.close();
  });
});
