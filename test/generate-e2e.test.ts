/**
 * End to end: specs/petstore -> `generate` -> the real TypeScript compiler (strict, zero errors) ->
 * import the compiled package -> call every action against a real node:http server on 127.0.0.1 and
 * check what arrives on the wire: method, path, query, headers, cookies and body.
 *
 * Needs runtime/dist (`npm run build`): the generated package imports `@connectgen/runtime` from the
 * workspace like any user's package would.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { startServer, type RecordedRequest, type TestServer } from './helpers/server.js';
import { tsc, type TscResult } from './helpers/tsc.js';

/** The slice of the generated module the test calls; the compiler already checked the real types. */
interface PetstoreModule {
  createPetstoreConnector(options: Record<string, unknown>): Petstore;
  ConnectorHttpError: new (...args: never[]) => Error;
}
type Call = (input?: unknown, options?: unknown) => Promise<unknown>;
type Paginated = Call & { all(input?: unknown, options?: unknown): AsyncIterable<unknown> };
interface Petstore {
  listPets: Paginated;
  createPet: Call;
  getPet: Call;
  updatePetWithForm: Call;
  deletePet: Call;
  uploadPetPhoto: Call;
  listOrders: Paginated;
  getInventory: Call;
  testConnection(): Promise<{ ok: boolean; action: string; status?: number }>;
  close(): Promise<void>;
}

const API_KEY = 'k-e2e-secret';

let dir: string;
let compiled: TscResult;
let server: TestServer;
let mod: PetstoreModule;
let petstore: Petstore;

beforeAll(async () => {
  ({ dir } = await generateInto('specs/petstore/connector.yaml', 'e2e-petstore'));
  compiled = await tsc(dir);
  server = await startServer();
  mod = await importConnector<PetstoreModule>(dir);
  petstore = mod.createPetstoreConnector({ baseUrl: `${server.url}/v1`, auth: { apiKey: API_KEY }, retry: false });
}, 60_000);

afterAll(async () => {
  await petstore?.close();
  await server?.close();
});

/** The only request the server saw since the last reset. */
function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

describe('generated petstore connector', () => {
  it('compiles under strict with zero errors', () => {
    expect(compiled.errors).toEqual([]);
    expect(compiled.exitCode).toBe(0);
  });

  it('GET with a path parameter, a cookie and the API key header', async () => {
    server.reset(() => ({ body: { id: 7, name: 'Rex', kind: 'dog' } }));
    await expect(petstore.getPet({ petId: 7, session: 's 1' })).resolves.toEqual({ id: 7, name: 'Rex', kind: 'dog' });
    const request = only();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/v1/pets/7');
    expect(request.headers['x-api-key']).toBe(API_KEY);
    expect(request.headers.cookie).toBe('session=s%201');
  });

  it('query parameters (form, explode false) and a header parameter', async () => {
    server.reset(() => ({ body: { items: [], total: 0 } }));
    await petstore.listPets({ limit: 5, status: ['available', 'sold'], xRequestTrace: 'trace-1' });
    const request = only();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/v1/pets');
    expect(request.query.get('limit')).toBe('5');
    expect(request.query.get('status')).toBe('available,sold');
    expect(request.headers['x-request-trace']).toBe('trace-1');
  });

  it('.all() walks offset pages until a short page', async () => {
    const pets = Array.from({ length: 5 }, (_, i) => ({ id: i, name: `pet ${i}`, kind: 'cat' }));
    server.reset((request) => {
      const offset = Number(request.query.get('offset') ?? 0);
      const limit = Number(request.query.get('limit'));
      return { body: { items: pets.slice(offset, offset + limit), total: pets.length } };
    });
    const seen: unknown[] = [];
    for await (const pet of petstore.listPets.all({ limit: 2 })) seen.push(pet);
    expect(seen).toEqual(pets);
    // The runtime stops at an empty page, not a short one: servers cap page sizes silently.
    expect(server.requests.map((r) => r.query.get('offset') ?? '0')).toEqual(['0', '2', '4', '5']);
    expect(server.requests.every((r) => r.query.get('limit') === '2')).toBe(true);
  });

  it('POST with a JSON body and a required header', async () => {
    server.reset((request) => ({ status: 201, body: { id: 1, ...JSON.parse(request.body.toString()) } }));
    const created = await petstore.createPet({ idempotencyKey: 'idem-1', body: { name: 'Tom', kind: 'cat' } });
    expect(created).toEqual({ id: 1, name: 'Tom', kind: 'cat' });
    const request = only();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/pets');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.headers['idempotency-key']).toBe('idem-1');
    expect(JSON.parse(request.body.toString())).toEqual({ name: 'Tom', kind: 'cat' });
  });

  it('POST with a form body', async () => {
    server.reset(() => ({ status: 204 }));
    await expect(petstore.updatePetWithForm({ petId: 3, body: { name: 'Rex & co', status: 'sold' } })).resolves.toBeUndefined();
    const request = only();
    expect(request.path).toBe('/v1/pets/3');
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request.body.toString()))).toEqual({ name: 'Rex & co', status: 'sold' });
  });

  it('POST with a multipart body carrying a file', async () => {
    server.reset(() => ({ body: { url: 'https://cdn.example.com/1.png', caption: 'hi' } }));
    const file = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await petstore.uploadPetPhoto({ petId: 9, body: { caption: 'hi', file } });
    const request = only();
    expect(request.path).toBe('/v1/pets/9/photos');
    const contentType = String(request.headers['content-type']);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = request.body.toString('latin1');
    expect(text).toContain('name="caption"');
    expect(text).toContain('name="file"');
    expect(request.body.includes(Buffer.from(file))).toBe(true);
  });

  it('DELETE returns nothing', async () => {
    server.reset(() => ({ status: 204 }));
    await expect(petstore.deletePet({ petId: 4 })).resolves.toBeUndefined();
    expect(only()).toMatchObject({ method: 'DELETE', path: '/v1/pets/4' });
  });

  it('.all() follows a cursor (connector.yaml override) through the results key', async () => {
    server.reset((request) =>
      request.query.get('cursor') === null
        ? { body: { data: [{ id: 'a', petId: 1, method: 'pickup' }], next_cursor: 'c2' } }
        : { body: { data: [{ id: 'b', petId: 2, method: 'delivery', address: 'x' }], next_cursor: null } },
    );
    const ids: unknown[] = [];
    for await (const order of petstore.listOrders.all({})) ids.push((order as { id: string }).id);
    expect(ids).toEqual(['a', 'b']);
    expect(server.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'c2']);
  });

  it('a public operation (security: []) sends no credentials', async () => {
    server.reset(() => ({ body: { available: 3 } }));
    await expect(petstore.getInventory()).resolves.toEqual({ available: 3 });
    const request = only();
    expect(request.path).toBe('/v1/store/inventory');
    expect(request.headers['x-api-key']).toBeUndefined();
  });

  it('an error status rejects with ConnectorHttpError carrying status and body, never the key', async () => {
    // (The runtime redacts body keys that look like secrets, `code` among them: keep them out of this check.)
    server.reset(() => ({ status: 404, body: { status: 404, message: 'no pet' } }));
    const error = (await petstore.getPet({ petId: 404 }).catch((e: unknown) => e)) as Error & { status: number; body: unknown };
    expect(error).toBeInstanceOf(mod.ConnectorHttpError);
    expect(error.status).toBe(404);
    expect(error.body).toEqual({ status: 404, message: 'no pet' });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(API_KEY);
  });

  it('testConnection() calls the configured testAction', async () => {
    server.reset(() => ({ body: {} }));
    await expect(petstore.testConnection()).resolves.toMatchObject({ ok: true, action: 'getInventory', status: 200 });
    expect(only().path).toBe('/v1/store/inventory');
  });

  it("README's examples compile against the built package", async () => {
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(examples).toHaveLength(2);
    expect(examples.join('\n')).toContain('createPetstoreConnector');
    // The examples import the package by name: Node and TypeScript resolve a package's own name
    // through its `exports`, so they check against dist/index.d.ts as a user's code would, in a
    // Node project (`process`, `console`), which the package itself does not need to be.
    const files = examples.map((_, i) => `readme-example-${i}.ts`);
    await Promise.all(examples.map((example, i) => writeFile(join(dir, files[i]!), example)));
    await writeFile(
      join(dir, 'tsconfig.example.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, rootDir: '.', types: ['node'] }, include: files }),
    );
    const checked = await tsc(join(dir, 'tsconfig.example.json'));
    expect(checked.errors).toEqual([]);
    expect(checked.exitCode).toBe(0);
  });

  it('ships a manifest with every action, its input schema and pagination', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'connector.json'), 'utf8'));
    expect(manifest.actions.map((a: { name: string }) => a.name).sort()).toEqual(
      ['createPet', 'deletePet', 'getInventory', 'getPet', 'listOrders', 'listPets', 'updatePetWithForm', 'uploadPetPhoto'],
    );
    const listPets = manifest.actions.find((a: { name: string }) => a.name === 'listPets');
    expect(listPets.input.properties.limit).toMatchObject({ type: 'integer', 'x-in': 'query' });
    expect(listPets.pagination).toMatchObject({ type: 'offset', offsetParam: 'offset' });
    expect(manifest.auth[0]).toMatchObject({ name: 'apiKey', type: 'apiKey', fields: [{ name: 'apiKey', secret: true }] });
  });
});
