import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../load/index.js';
import type { LoadedSpec } from '../load/types.js';
import { bundleSpec } from './bundle.js';
import { isSelfContained, selfContained, unbundled } from './self-contained.js';

const specsDir = path.resolve(import.meta.dirname, '../../../specs');

/** Every file under specs/ that loads as a Swagger/OpenAPI document (configs and data do not). */
async function repositorySpecs(): Promise<LoadedSpec[]> {
  const files = readdirSync(specsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort();
  const loaded: LoadedSpec[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadSpec(path.join(specsDir, file)));
    } catch {
      // Not a spec: connector.yaml, mappings, sync definitions.
    }
  }
  return loaded;
}

function spec(document: Record<string, unknown>): LoadedSpec {
  return { uri: '/virtual/openapi.json', text: JSON.stringify(document), format: 'json', document, version: 'openapi-3.0', versionString: '3.0.3' };
}

const schemas = { Pet: { type: 'object' }, Alias: { $ref: '#/components/schemas/Pet' } };

describe('isSelfContained', () => {
  it("gives, for every spec in the repository it accepts, Redocly's bundle byte for byte", async () => {
    const all = await repositorySpecs();
    let accepted = 0;
    for (const loaded of all) {
      const plan = selfContained(loaded.document);
      if (!plan) continue;
      accepted++;
      const redocly = await bundleSpec(loaded);
      expect(redocly.diagnostics, loaded.uri).toEqual([]);
      expect(JSON.stringify(unbundled(loaded, plan.examples).document), loaded.uri).toBe(JSON.stringify(redocly.document));
    }
    // Most specs here have only internal refs; the multi-file one and the broken ones do not.
    expect(accepted).toBeGreaterThan(all.length / 2);
    const byName = (name: string) => all.find((s) => s.uri.endsWith(name))!;
    expect(isSelfContained(byName('multi-file/openapi.yaml').document)).toBe(false);
    expect(isSelfContained(byName('convert/missing-ref.yaml').document)).toBe(false);
    expect(isSelfContained(byName('convert/ref-cycle.yaml').document)).toBe(false);
  });

  it('accepts internal refs, chains of them, and plain discriminator mappings', () => {
    const document = {
      openapi: '3.0.3',
      paths: { '/a~b/{id}': { get: { parameters: [{ $ref: '#/components/parameters/Id' }], responses: { '200': { $ref: '#/components/responses/Ok' } } } } },
      components: {
        parameters: { Id: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Pet' } } },
        schemas: { ...schemas, Union: { oneOf: [{ $ref: '#/components/schemas/Alias' }], discriminator: { propertyName: 'kind', mapping: { pet: '#/components/schemas/Pet', other: 'Pet' } } } },
        responses: { Ok: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/paths/~1a~0b~1%7Bid%7D/get/responses/200' } } } } },
      },
    };
    // The last ref points back at the response that holds it: a value that is reached, not a loop of refs.
    expect(isSelfContained(document)).toBe(true);
  });

  it.each([
    ['a file reference', { schema: { $ref: 'pet.yaml' } }],
    ['a URL reference', { schema: { $ref: 'https://example.test/pet.json' } }],
    ['an explicit self-file reference', { schema: { $ref: 'openapi.json#/components/schemas/Pet' } }],
    ['an unresolved pointer', { schema: { $ref: '#/components/schemas/Missing' } }],
    ['a pointer with an empty step', { schema: { $ref: '#/components//schemas/Pet' } }],
    ['a pointer through a $ref', { schema: { $ref: '#/components/schemas/Alias/type' } }],
    ['a loop of refs', { loop: { $ref: '#/loop' } }],
    ['an externalValue', { example: { externalValue: 'example.json' } }],
    // The bundler replaces these with a copy of their target.
    ['a ref as a response example, a field the bundler does not walk', { paths: { '/a': { get: { responses: { '200': { description: 'ok', example: { $ref: '#/components/schemas/Pet' } } } } } } }],
    ['a ref as a member of an extension', { 'x-extra': { schema: { $ref: '#/components/schemas/Pet' } } }],
    ['a ref as a link request body', { components: { schemas, links: { L: { operationId: 'a', requestBody: { $ref: '#/components/schemas/Pet' } } } } }],
    ['a mapping to a file', { schema: { discriminator: { propertyName: 'kind', mapping: { pet: 'pet.yaml' } } } }],
    ['a mapping to an alias the bundler would follow', { schema: { discriminator: { propertyName: 'kind', mapping: { pet: '#/components/schemas/Alias' } } } }],
  ])('refuses %s, leaving it to the bundler', (_name, extra) => {
    expect(isSelfContained({ openapi: '3.0.3', components: { schemas }, ...extra })).toBe(false);
  });

  it('refuses a document nested too deep once its refs are followed, which the bundler refuses (CG_TOO_DEEP)', () => {
    const chain = (length: number) =>
      Object.fromEntries(Array.from({ length }, (_, i) => [`S${i}`, i + 1 < length ? { type: 'object', properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } } : { type: 'string' }]));
    expect(isSelfContained({ openapi: '3.0.3', components: { schemas: chain(20) } })).toBe(true);
    expect(isSelfContained({ openapi: '3.0.3', components: { schemas: chain(400) } })).toBe(false);
  });

  it('counts a recursive schema once, however many places refer to it', () => {
    // A tree node whose children are nodes, used from 300 properties: a ref back into the path adds nothing.
    const Node = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } };
    const Holder = { type: 'object', properties: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p${i}`, { $ref: '#/components/schemas/Node' }])) };
    expect(isSelfContained({ openapi: '3.0.3', components: { schemas: { Node, Holder } } })).toBe(true);
  });

  it("copies an example's target into a $ref in a schema's or media type's example, as the bundler does", async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { type: 'object', example: { $ref: '#/components/examples/Pet' } }, example: { $ref: '#/components/examples/Pet' } } },
              },
            },
          },
        },
      },
      components: { examples: { Pet: { summary: 'a pet', value: { name: 'Rex' } } }, schemas: { Pet: { type: 'object', example: { $ref: '#/components/examples/Pet' } } } },
    };
    const plan = selfContained(document);
    expect(plan?.examples).toHaveLength(3);
    const loaded = spec(document);
    const ours = unbundled(loaded, plan!.examples).document as any;
    expect(JSON.stringify(ours)).toBe(JSON.stringify((await bundleSpec(loaded)).document));
    expect(ours.components.schemas.Pet.example).toEqual({ summary: 'a pet', value: { name: 'Rex' } });
    // The input keeps its refs.
    expect(document.components.schemas.Pet.example).toEqual({ $ref: '#/components/examples/Pet' });
  });

  it('inlines a target that holds an inlined example itself, as the bundler does, and leaves its input as it was', async () => {
    const pet = { type: 'object', properties: { name: { type: 'string', example: { $ref: '#/components/examples/Name' } } } };
    const document = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' }, example: { $ref: '#/components/schemas/Pet' } } } } } } },
        '/b': { get: { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' }, example: { $ref: '#/components/examples/Name' } }], responses: { '204': { description: 'none' } } } },
      },
      components: { examples: { Name: { value: 'Rex' } }, schemas: { Pet: pet } },
    };
    const before = JSON.stringify(document);
    const plan = selfContained(document);
    expect(plan?.examples).toHaveLength(3);
    const loaded = spec(document);
    const ours = unbundled(loaded, plan!.examples).document as any;
    expect(JSON.stringify(ours)).toBe(JSON.stringify((await bundleSpec(loaded)).document));
    expect(ours.paths['/a'].get.responses['200'].content['application/json'].example.properties.name.example).toEqual({ value: 'Rex' });
    expect(JSON.stringify(document)).toBe(before);
    // What it did not rewrite, it shares with its input.
    expect(ours.info).toBe(document.info);
    expect(ours.components.examples).toBe(document.components.examples);
  });

  it('adds the empty components object Redocly adds to an OpenAPI 3 root, on a copy', async () => {
    const document = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} };
    const loaded = spec(document);
    expect(JSON.stringify(unbundled(loaded).document)).toBe(JSON.stringify((await bundleSpec(loaded)).document));
    expect(document).not.toHaveProperty('components');
  });
});
