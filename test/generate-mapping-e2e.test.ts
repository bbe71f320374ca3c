/**
 * connector.yaml `mappings` end to end: generate -> strict tsc (the mappings are typed by their
 * actions) -> import -> map the records a paginated action streams from a 127.0.0.1 server, and
 * build an action's input from a flat row. A bad mapping stops `generate` with its pointer.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto, importConnector, REPO_ROOT, TMP_ROOT } from './helpers/generate.js';
import { runCli } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';
import { tsc } from './helpers/tsc.js';

type MapResult = { ok: true; value: Record<string, unknown> } | { ok: false; errors: Array<{ target: string; rule: string; value: unknown }> };
interface MappedModule {
  createPetstoreConnector(options: Record<string, unknown>): {
    listPets: { all(input: unknown): AsyncIterable<unknown> };
    createPet(input: unknown): Promise<unknown>;
    close(): Promise<void>;
  };
  mappings: { petToContact(record: unknown): MapResult; rowToNewPet(record: unknown): MapResult };
}

let dir: string;
let server: TestServer;
beforeAll(async () => {
  ({ dir } = await generateInto('specs/petstore/connector.mappings.yaml', 'e2e-petstore-mapped'));
  server = await startServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('connector.yaml mappings', () => {
  it('compile under strict and type each mapping by its action', async () => {
    // A use that type-checks only if the mapping's types follow the actions.
    await writeFile(
      join(dir, 'src', 'use-mappings.ts'),
      [
        'import { createPetstoreConnector, mappings, type Pet } from "./index.js";',
        'export async function run(): Promise<string[]> {',
        '  const petstore = createPetstoreConnector({});',
        '  const out: string[] = [];',
        '  for await (const pet of petstore.listPets.all({})) {',
        '    const mapped = mappings.petToContact(pet);',
        '    if (mapped.ok) out.push(String(mapped.value["displayName"]));',
        '  }',
        '  const input = mappings.rowToNewPet({ pet_name: "Rex", species: "DOG" });',
        '  if (input.ok) await petstore.createPet({ ...input.value, idempotencyKey: "k" });',
        '  // @ts-expect-error: petToContact takes a Pet, not a number',
        '  mappings.petToContact(42);',
        '  const pet: Pet = { name: "x", kind: "dog" };',
        '  return [...out, String(mappings.petToContact(pet).ok)];',
        '}',
        '',
      ].join('\n'),
    );
    const result = await tsc(dir);
    expect(result.errors).toEqual([]);
  }, 60_000);

  it('map what a paginated action streams, and build an action input from a flat row', async () => {
    const mod = await importConnector<MappedModule>(dir);
    server.reset((request) =>
      request.method === 'GET'
        ? {
            body: {
              items: Number(request.query.get('offset') ?? 0) > 0 ? [] : [
                { id: 1, name: ' Rex ', kind: 'dog', owner: { name: 'Ada' }, birthDate: '2020-02-29', tags: ['Good', 'BOY'] },
                { id: 2, name: '  ', kind: 'cat', tags: [] },
              ],
              total: 2,
            },
          }
        : { status: 201, body: { id: 3, ...JSON.parse(request.body.toString()).body } },
    );
    const petstore = mod.createPetstoreConnector({ baseUrl: `${server.url}/v1`, auth: { apiKey: 'k' }, retry: false });
    const results: MapResult[] = [];
    for await (const pet of petstore.listPets.all({ limit: 10 })) results.push(mod.mappings.petToContact(pet));
    expect(results[0]).toEqual({ ok: true, value: { displayName: 'Rex', segment: 'K9', owner: 'ADA', born: '29 February 2020', labels: ['good', 'boy'] } });
    expect(results[1]).toMatchObject({ ok: false, errors: [{ target: 'displayName', rule: 'required', value: '  ' }] });

    const input = mod.mappings.rowToNewPet({ pet_name: ' Tom ', species: 'CAT' });
    expect(input).toEqual({ ok: true, value: { body: { name: 'Tom', kind: 'cat' } } });
    expect(mod.mappings.rowToNewPet({ pet_name: 'Nemo', species: 'fish' })).toMatchObject({ ok: false, errors: [{ target: 'body.kind', rule: 'enum' }] });
    await petstore.close();
  });

  it('refuses a mapping that names no action, or is broken, with its pointer', async () => {
    const work = join(TMP_ROOT, 'mapping-config-errors');
    await mkdir(work, { recursive: true });
    await copyFile(join(REPO_ROOT, 'specs', 'petstore', 'openapi.yaml'), join(work, 'openapi.yaml'));
    const base = `spec: ./openapi.yaml\nmappings:\n`;
    for (const [body, code, pointer] of [
      ['  m: { action: listPet, mappings: [{ source: a, target: b }] }\n', 'CG_CONFIG_NO_MATCH', '/mappings/m/action'],
      ['  m: { action: listPets, mappings: [{ source: a, target: b, transformation: titlecase }] }\n', 'CG_MAPPING_UNKNOWN_TRANSFORM', '/mappings/m/mappings/0/transformation'],
      ['  m: { action: listPets, mappings: [], map: [] }\n', 'CG_CONFIG_UNKNOWN_FIELD', '/mappings/m/map'],
    ] as const) {
      const file = join(work, `${code}.yaml`);
      await writeFile(file, base + body);
      const result = await runCli(['generate', file, '--out', join(work, 'never-written'), '--quiet']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(code);
      expect(result.stderr).toContain(`(at ${pointer})`);
    }
  }, 120_000);
});
