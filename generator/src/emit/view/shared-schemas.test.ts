import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema.js';
import { SharedSchemas } from './shared-schemas.js';

/** An object schema large enough to be shared, as a spec inlines it (GitHub's `repository`). */
const repository = (): JsonSchema => ({
  type: 'object',
  properties: {
    id: { type: 'integer', description: 'Unique identifier of the repository' },
    full_name: { type: 'string', description: 'The full name, owner and name, such as octocat/Hello-World' },
    owner: { type: 'object', properties: { login: { type: 'string' } }, required: ['login'] },
  },
  required: ['id', 'full_name'],
});

const perPage = (): JsonSchema => ({
  type: 'integer',
  default: 30,
  maximum: 100,
  description: 'The number of results per page (max 100). For more information, see "Using pagination in the REST API."',
});

/** The schemas as objects: `write` returns JSON text. */
function written(shared: SharedSchemas, id: number): any {
  return JSON.parse(shared.write(id));
}

function defs(shared: SharedSchemas): Record<string, JsonSchema> {
  return Object.fromEntries(shared.definitions().map(([name, text]) => [name, JSON.parse(text)]));
}

function input(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties, required: [], additionalProperties: false };
}

describe('SharedSchemas', () => {
  it('writes a repeated subschema once in $defs and points both places at it', () => {
    const shared = new SharedSchemas();
    const push = shared.add({ type: 'object', properties: { repository: repository(), ref: { type: 'string' } } }, 'PushEvent');
    const fork = shared.add({ type: 'object', properties: { repository: repository(), forkee: { type: 'boolean' } } }, 'ForkEvent');
    const a = written(shared, push);
    const b = written(shared, fork);
    const found = defs(shared);
    expect(Object.keys(found)).toEqual([expect.stringMatching(/^repository\.[0-9a-f]{8}$/)]);
    const name = Object.keys(found)[0]!;
    expect(a.properties['repository']).toEqual({ $ref: `#/$defs/${name}` });
    expect(b.properties['repository']).toEqual({ $ref: `#/$defs/${name}` });
    expect(found[name]).toEqual(repository());
    expect(a.properties['ref']).toEqual({ type: 'string' });
  });

  it('shares the outermost repeated schema, not each of its parts as well', () => {
    const shared = new SharedSchemas();
    const wrap = (): JsonSchema => ({ type: 'array', items: repository(), description: 'repositories the app can reach, in the order of their ids' });
    shared.write(shared.add({ type: 'object', properties: { list: wrap(), a: { type: 'string' } } }, 'A'));
    shared.write(shared.add({ type: 'object', properties: { list: wrap(), b: { type: 'string' } } }, 'B'));
    expect(Object.keys(defs(shared))).toEqual([expect.stringMatching(/^list\./)]);
  });

  it("keeps a place's x- annotations beside the $ref", () => {
    const shared = new SharedSchemas();
    const first = shared.add(input({ per_page: { ...perPage(), 'x-in': 'query', 'x-name': 'per_page' } }), 'listAInput');
    const second = shared.add(input({ size: { ...perPage(), 'x-in': 'query', 'x-name': 'per-page' } }), 'listBInput');
    const a = written(shared, first);
    const b = written(shared, second);
    expect(a.properties['per_page']).toEqual({ $ref: expect.stringMatching(/^#\/\$defs\/per_page\./), 'x-in': 'query', 'x-name': 'per_page' });
    expect(b.properties['size']).toEqual({ $ref: a.properties['per_page']['$ref'], 'x-in': 'query', 'x-name': 'per-page' });
  });

  it('leaves small repeats inline: a $ref would save nothing', () => {
    const shared = new SharedSchemas();
    const id = shared.add({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } }, 'X');
    expect(written(shared, id)).toEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } });
    expect(shared.definitions()).toEqual([]);
  });

  it('shares a short schema once enough places repeat it for the $refs to come out shorter', () => {
    // Microsoft Graph's `$top`: 74 characters, on thousands of list actions.
    const top = (): JsonSchema => ({ type: 'integer', minimum: 0, description: 'Show only the first n items' });
    const sharedIn = (actions: number) => {
      const shared = new SharedSchemas();
      // Each action has a path parameter of its own, so the inputs differ and only `$top` repeats.
      const ids = Array.from({ length: actions }, (_, i) => shared.add(input({ [`id${i}`]: { type: 'string' }, $top: { ...top(), 'x-in': 'query' } }), `list${i}Input`));
      const texts = ids.map((id) => shared.write(id));
      return { texts, defs: defs(shared) };
    };
    const two = sharedIn(2);
    expect(two.defs).toEqual({});
    const many = sharedIn(10);
    expect(Object.values(many.defs)).toEqual([top()]);
    const inline = JSON.stringify(input({ id0: { type: 'string' }, $top: { ...top(), 'x-in': 'query' } })).length;
    const total = many.texts.reduce((sum, text) => sum + text.length, 0) + JSON.stringify(many.defs).length;
    expect(total).toBeLessThan(10 * inline);
  });

  it('points a copy of a named schema at that schema instead of writing it twice', () => {
    const shared = new SharedSchemas();
    const named = shared.add(repository(), 'Repository', { named: true });
    const event = shared.add({ type: 'object', properties: { repository: repository() } }, 'Event');
    expect(JSON.parse(shared.writeNamed(named, 'Repository'))).toEqual(repository());
    expect(written(shared, event)).toEqual({ type: 'object', properties: { repository: { $ref: '#/$defs/Repository' } } });
    expect(shared.definitions()).toEqual([]);
  });

  it('accepts and rejects exactly what the schemas written out in full do', () => {
    const roots = [
      input({ per_page: { ...perPage(), 'x-in': 'query' }, body: { type: 'object', properties: { repo: repository() }, required: ['repo'] } }),
      input({ per_page: { ...perPage(), 'x-in': 'query' }, body: { anyOf: [repository(), { type: 'null' }] } }),
    ];
    const shared = new SharedSchemas();
    const ids = roots.map((root, i) => shared.add(root, `R${i}`));
    const factoredRoots = ids.map((id) => written(shared, id));
    const $defs = defs(shared);
    expect(Object.keys($defs).length).toBeGreaterThan(0);
    const ajv = new Ajv2020({ strict: false });
    const samples = [
      {},
      { per_page: 50 },
      { per_page: 500 },
      { per_page: 'ten' },
      { body: { repo: { id: 1, full_name: 'a/b' } } },
      { body: { repo: { id: 'one', full_name: 'a/b' } } },
      { body: { id: 1, full_name: 'a/b', owner: { login: 'a' } } },
      { body: { id: 1, full_name: 'a/b', owner: {} } },
      { body: null },
      { extra: true },
    ];
    roots.forEach((root, i) => {
      const full = ajv.compile(root);
      const factored = ajv.compile({ ...factoredRoots[i], $defs });
      for (const sample of samples) expect(factored(sample), `${i} ${JSON.stringify(sample)}`).toBe(full(sample));
    });
  });

  it('names shared schemas by content: the same input gives the same names', () => {
    const run = () => {
      const shared = new SharedSchemas();
      const ids = ['A', 'B'].map((hint) => shared.add({ type: 'object', properties: { repository: repository() } }, hint));
      return JSON.stringify([ids.map((id) => shared.write(id)), shared.definitions()]);
    };
    expect(run()).toBe(run());
  });
});
