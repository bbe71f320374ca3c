import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildIR } from '../../ir/build/document.js';
import { operationInputType } from '../../ir/input.js';
import { toJsonSchema } from './json-schema.js';

const ir = buildIR(parse(readFileSync(new URL('../../../../specs/features/schemas-3.0.yaml', import.meta.url), 'utf8')));

test('output schema: $defs collected transitively, writeOnly dropped, recursion by $ref', () => {
  const tree = ir.operations.find((op) => op.name === 'getTree');
  expect(toJsonSchema(tree?.success.type ?? { kind: 'unknown' }, ir.schemas, { mode: 'output' })).toEqual({
    $ref: '#/$defs/TreeNode',
    $defs: {
      TreeNode: {
        type: 'object',
        properties: { value: { type: 'number' }, children: { type: 'array', items: { $ref: '#/$defs/TreeNode' } } },
        additionalProperties: false,
      },
    },
  });
  const pets = ir.operations.find((op) => op.name === 'listPets');
  const schema = toJsonSchema(pets?.success.type ?? { kind: 'unknown' }, ir.schemas, { mode: 'output' });
  expect(Object.keys(schema['$defs'] as object)).toEqual(['Owner', 'Pet', 'PetKind']);
  const pet = (schema['$defs'] as Record<string, Record<string, unknown>>)['Pet'];
  expect(Object.keys(pet?.['properties'] as object)).not.toContain('password');
  expect(pet?.['required']).toEqual(['id', 'name', 'kind']);
});

test('input schema: readOnly dropped, input variants named, __proto__ stays a key', () => {
  const create = ir.operations.find((op) => op.name === 'createPet');
  if (create === undefined) throw new Error('no createPet');
  const schema = toJsonSchema(operationInputType(create), ir.schemas, { mode: 'input' });
  expect(schema['properties']).toEqual({ body: { $ref: '#/$defs/PetInput' } });
  expect(schema['required']).toEqual(['body']);
  const pet = (schema['$defs'] as Record<string, Record<string, unknown>>)['PetInput'];
  expect(Object.keys(pet?.['properties'] as object)).not.toContain('id');
  expect(pet?.['required']).toEqual(['name', 'kind']);

  const awkward = ir.schemas.find((s) => s.name === 'Awkward');
  const json = toJsonSchema(awkward?.type ?? { kind: 'unknown' }, ir.schemas, { mode: 'output' });
  expect(Object.hasOwn(json['properties'] as object, '__proto__')).toBe(true);
  expect(JSON.parse(JSON.stringify(json))).toEqual(json);
});
