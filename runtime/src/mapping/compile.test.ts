import { describe, expect, it } from 'vitest';
import { compileMapping } from './compile.js';
import { MappingDefinitionError } from './errors.js';
import { parseMapping } from './load.js';
import { mapAll, mapRecords } from './batch.js';
import { defineMapping } from './typed.js';
import type { MappingDefinition } from './types.js';

function loadError(definition: unknown): { code: string; pointer: string; entry: string | undefined } {
  try {
    compileMapping(definition as MappingDefinition);
  } catch (error) {
    if (error instanceof MappingDefinitionError) return { code: error.code, pointer: error.pointer, entry: error.entry };
    throw error;
  }
  throw new Error('compiled');
}

describe('compileMapping', () => {
  it('maps with the shapes integration platforms write: aliases, inline options, chains, validation objects', () => {
    const map = compileMapping(
      parseMapping(`
mappings:
  - { source: [first_name, last_name], target: FullName, transformation: concat, separator: " " }
  - source_field: email
    target_field: contact.email
    transformations: [trim, lowercase]
    validation: { type: email, pattern: "@example\\\\.com$" }
    required: true
  - { source: "$['@odata.etag']", target: meta.etag }
  - { source: /addresses/0/city, target: "meta['city.name']", transformation: uppercase }
  - { source: status, target: status, transformation: { type: lookup, table: { a: ACTIVE }, default: OTHER } }
  - { target: source, value: crm }
  - { source: tier, target: tier, default: free }
`),
    );
    const result = map({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: ' ADA@Example.com ',
      '@odata.etag': 'W/"1"',
      addresses: [{ city: 'london' }],
      status: 'a',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        FullName: 'Ada Lovelace',
        contact: { email: 'ada@example.com' },
        meta: { etag: 'W/"1"', 'city.name': 'LONDON' },
        status: 'ACTIVE',
        source: 'crm',
        tier: 'free',
      },
    });
  });

  it('reports every failing field of a record with its source value, and leaves missing optional fields out', () => {
    const map = compileMapping({
      mappings: [
        { source: 'email', target: 'email', validation: 'email', required: true },
        { source: 'age', target: 'age', transformation: 'number', validation: { min: 0, max: 150 } },
        { source: 'name', target: 'name', required: true },
        { source: 'nickname', target: 'nickname', transformation: 'trim' },
        { source: 'country', target: 'country', validation: { type: 'enum', values: ['DE', 'FR'] } },
      ],
    });
    const result = map({ email: 'not-an-email', age: '-3', name: '   ', country: 'XX' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.target, e.rule, e.value])).toEqual([
      ['email', 'email', 'not-an-email'],
      ['age', 'min', '-3'],
      ['country', 'enum', 'XX'],
    ]);
    // '   ' is present, so not "required"-missing; trim is not on name. A blank after trim is:
    const trimmed = compileMapping([{ source: 'name', target: 'name', transformation: 'trim', required: true }]);
    expect(trimmed({ name: '   ' })).toMatchObject({ ok: false, errors: [{ rule: 'required', value: '   ' }] });
    expect(compileMapping([{ source: 'nickname', target: 'nickname', transformation: 'trim' }])({})).toEqual({ ok: true, value: {} });
  });

  it('maps each element of an array: a wildcard path element by element, or `each` with nested entries', () => {
    const map = compileMapping({
      mappings: [
        { source: 'items[*].sku', target: 'skus[*]', transformation: 'uppercase' },
        { source: 'items[*].qty', target: 'lines[*].quantity', transformation: 'number' },
        {
          source: 'items',
          target: 'products',
          each: [
            { source: 'sku', target: 'code', transformation: 'lowercase' },
            { source: 'price', target: 'price.amount', transformation: 'number', validation: { min: 0 } },
          ],
        },
      ],
    });
    expect(map({ items: [{ sku: 'a1', qty: '2', price: '9.5' }, { sku: 'B2', qty: 1, price: '0' }] })).toEqual({
      ok: true,
      value: {
        skus: ['A1', 'B2'],
        lines: [{ quantity: 2 }, { quantity: 1 }],
        products: [
          { code: 'a1', price: { amount: 9.5 } },
          { code: 'b2', price: { amount: 0 } },
        ],
      },
    });
    const bad = map({ items: [{ sku: 'a', qty: 'x', price: '-1' }] });
    expect(bad.ok ? [] : bad.errors.map((e) => [e.target, e.rule, e.message.slice(0, 4)])).toEqual([
      ['lines[*].quantity', 'transform:number', '[0] '],
      ['products[0].price.amount', 'min', '-1 i'],
    ]);
  });

  it('reads and writes names-only paths as the path module does (own properties, arrays, conflicts)', () => {
    const map = compileMapping([
      { source: 'a.b', target: 'x' },
      { source: 'list.name', target: 'y' },
      { source: 'list.0', target: 'z' },
      { source: 'a.toString', target: 'w' },
      { source: 'a.b', target: 'x.deeper' },
    ]);
    const result = map({ a: { b: 1 }, list: ['first'] });
    expect(result).toMatchObject({ ok: false, errors: [{ target: 'x.deeper', rule: 'target' }] });
    const ok = compileMapping([
      { source: 'a.b', target: 'out.v' },
      { source: 'list.0', target: 'out.first' },
      { source: 'a.toString', target: 'out.inherited' },
    ])({ a: { b: 1 }, list: ['first'] });
    expect(ok).toEqual({ ok: true, value: { out: { v: 1, first: 'first' } } });
    expect(compileMapping([{ source: 'a', target: 'constructor.x' }])({ a: 1 })).toMatchObject({ ok: false, errors: [{ rule: 'target' }] });
  });

  it('runs templates over the record and custom transformations registered in TypeScript', () => {
    const map = compileMapping(
      [
        { target: 'label', transformation: 'template', template: '{{first}} {{last}} <{{email}}>' },
        { source: 'title', target: 'slug', transformation: ['trim', 'slugify'] },
        { source: 'title', target: 'short', transformation: { type: 'truncate', length: 5 } },
        { source: 'title', target: 'boom', transformation: 'explode' },
      ],
      {
        transforms: {
          slugify: (value) => String(value).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
          truncate: (value, options) => String(value).slice(0, Number(options['length'])),
          explode: (value) => {
            if (value === ' Hello World ') throw new Error('cannot explode greetings');
            return value;
          },
        },
      },
    );
    expect(map({ first: 'Ada', last: 'L', email: 'a@x.io', title: 'Big News' })).toEqual({
      ok: true,
      value: { label: 'Ada L <a@x.io>', slug: 'big-news', short: 'Big N', boom: 'Big News' },
    });
    expect(map({ title: ' Hello World ' })).toMatchObject({ ok: false, errors: [{ target: 'boom', rule: 'transform:explode', message: 'cannot explode greetings' }] });
  });

  it('a 10,000-record batch with bad records in it maps every good one and reports every bad one by index', async () => {
    const map = compileMapping(
      parseMapping(`
mappings:
  - { source: id, target: id, transformation: number, validation: integer, required: true }
  - { source: email, target: email, transformation: [trim, lowercase], validation: email, required: true }
  - { source: joined, target: joined, transformation: format_date, format: date, zone: Europe/Paris }
`),
    );
    const records = Array.from({ length: 10_000 }, (_, i) => ({
      id: String(i),
      email: i % 97 === 0 ? `broken-${i}` : ` User${i}@Example.com`,
      joined: i % 501 === 0 ? 'soon' : '2026-06-30T22:30:00Z',
    }));
    records[1234] = null as unknown as (typeof records)[number];
    const { mapped, failed } = mapAll(map, records);
    const expectedBad = new Set<number>([1234]);
    for (let i = 0; i < 10_000; i++) if (i % 97 === 0 || i % 501 === 0) expectedBad.add(i);
    expect(failed.map((f) => f.index)).toEqual([...expectedBad].sort((a, b) => a - b));
    expect(mapped).toHaveLength(10_000 - expectedBad.size);
    expect(mapped[0]).toEqual({ id: 1, email: 'user1@example.com', joined: '2026-07-01' });
    expect(failed.find((f) => f.index === 501)!.errors).toEqual([
      { target: 'joined', source: 'joined', value: 'soon', rule: 'transform:format_date', message: expect.stringContaining('not a date') },
    ]);

    let count = 0;
    for await (const item of mapRecords(map, records.slice(0, 200))) if (!item.ok) count++;
    expect(count).toBe([...expectedBad].filter((i) => i < 200).length);
  });

  it('types source and target paths, and the compiled function, from TypeScript types', () => {
    interface Issue {
      number: number;
      title: string;
      user: { login: string } | null;
      labels: Array<{ name: string }>;
    }
    interface Ticket {
      ref: string;
      owner: string;
      tags: string[];
    }
    const definition = defineMapping<Issue, Ticket>({
      mappings: [
        { source: ['number', 'title'], target: 'ref', transformation: 'template', template: '#{{number}} {{title}}' },
        { source: 'user.login', target: 'owner', transformation: 'lowercase' },
        { source: 'labels[*].name', target: 'tags' },
        // @ts-expect-error: 'user.name' is not a path of Issue
        { source: 'user.name', target: 'owner' },
      ],
    });
    const map = compileMapping({ ...definition, mappings: definition.mappings.slice(0, 3) } as typeof definition);
    const result = map({ number: 7, title: 'Crash', user: { login: 'ADA' }, labels: [{ name: 'bug' }] });
    if (!result.ok) throw new Error('expected ok');
    const ticket: Ticket = result.value;
    expect(ticket).toEqual({ ref: '#7 Crash', owner: 'ada', tags: ['bug'] });
  });
});

describe('checked at load: one coded error naming the entry and its pointer', () => {
  it.each([
    [{ mappings: [{ source: 'a', target: 'b', transformation: 'titlecase' }] }, 'CG_MAPPING_UNKNOWN_TRANSFORM', '/mappings/0/transformation', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', transformations: ['trim', 'titlecase'] }] }, 'CG_MAPPING_UNKNOWN_TRANSFORM', '/mappings/0/transformations/1', 'b'],
    [{ mappings: [{ source: 'a', target: 'b' }, { source: 'a..b', target: 'c' }] }, 'CG_MAPPING_BAD_PATH', '/mappings/1/source', 'c'],
    [{ mappings: [{ source: ['a', 'b[x'], target: 'c' }] }, 'CG_MAPPING_BAD_PATH', '/mappings/0/source/1', 'c'],
    [{ mappings: [{ source_field: 'a', target_field: 'b[' }] }, 'CG_MAPPING_BAD_PATH', '/mappings/0/target_field', 'b['],
    [{ mappings: [{ source: 'a', target: 'b', validation: { type: 'pattern', pattern: '([a-z' } }] }, 'CG_MAPPING_BAD_PATTERN', '/mappings/0/validation/pattern', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', validation: { pattern: '(' } }] }, 'CG_MAPPING_BAD_PATTERN', '/mappings/0/validation/pattern', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', transformation: 'lookup' }] }, 'CG_MAPPING_BAD_OPTION', '/mappings/0/transformation', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', transformation: { type: 'lookup', table: 'x' } }] }, 'CG_MAPPING_BAD_OPTION', '/mappings/0/transformation/table', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', transformation: 'format_date', zone: 'Nowhere/City' }] }, 'CG_MAPPING_BAD_OPTION', '/mappings/0/zone', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', transformation: 'concat', seperator: ' ' }] }, 'CG_MAPPING_UNKNOWN_KEY', '/mappings/0/seperator', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', validation: 'phone' }] }, 'CG_MAPPING_UNKNOWN_VALIDATOR', '/mappings/0/validation', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', validate: [{ type: 'email' }, { max_len: 3 }] }] }, 'CG_MAPPING_UNKNOWN_VALIDATOR', '/mappings/0/validate/1/max_len', 'b'],
    [{ mappings: [{ source: 'a' }] }, 'CG_MAPPING_SHAPE', '/mappings/0', '#0'],
    [{ mappings: [{ target: 'b' }] }, 'CG_MAPPING_SHAPE', '/mappings/0', 'b'],
    [{ mappings: [{ source: 'a', source_field: 'a', target: 'b' }] }, 'CG_MAPPING_SHAPE', '/mappings/0/source_field', 'b'],
    [{ mappings: [{ source: 'a', target: 'b', each: [{ source: 'x', target: 'y', transformation: 'nope' }] }] }, 'CG_MAPPING_UNKNOWN_TRANSFORM', '/mappings/0/each/0/transformation', 'y'],
    [{ mapping: [] }, 'CG_MAPPING_UNKNOWN_KEY', '/mapping', undefined],
    ['text', 'CG_MAPPING_SHAPE', '', undefined],
  ])('%j -> %s at %s', (definition, code, pointer, entry) => {
    expect(loadError(definition)).toEqual({ code, pointer, entry });
  });

  it('refuses broken YAML and duplicate keys with the line', () => {
    for (const text of ['mappings:\n  - { source: a, target: b\n', 'mappings: []\nmappings: []\n']) {
      try {
        parseMapping(text, 'm.yaml');
        throw new Error('parsed');
      } catch (error) {
        expect((error as MappingDefinitionError).code).toBe('CG_MAPPING_PARSE');
        expect((error as Error).message).toMatch(/m\.yaml:\d+:\d+/);
      }
    }
  });
});
