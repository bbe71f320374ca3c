/**
 * The group factory names each call's type arguments, as the group interface does, so TypeScript
 * need not infer them through the return type; an output printed over several lines is not
 * repeated in the call. The real compiler checks generated factories in the golden connectors and
 * the e2e tests.
 */
import { expect, it } from 'vitest';
import { buildIR } from '../../ir/build/document.js';
import { emit } from '../index.js';

const ok = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });

const spec = {
  openapi: '3.0.3',
  info: { title: 'Things', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/things/{id}': {
      get: { operationId: 'getThing', tags: ['things'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok({ $ref: '#/components/schemas/Thing' }) },
    },
    '/things': {
      get: { operationId: 'listThingNames', tags: ['things'], responses: ok({ type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } }) },
      delete: { operationId: 'clearThings', tags: ['things'], responses: { '204': { description: 'gone' } } },
    },
  },
  components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } } } } },
};

it('names the type arguments of each client.action call as the interface does, unless they span lines', () => {
  const file = emit(buildIR(spec)).get('src/actions/things.ts')!;
  expect(file).toContain('  getThing: Action<GetThingInput, Thing>;');
  expect(file).toContain('    getThing: client.action<GetThingInput, Thing>({');
  expect(file).toContain('    clearThings: client.action<void, void>({');
  // The inline array of objects prints over several lines in the interface; the call infers it.
  expect(file).toMatch(/  listThingNames: Action<void, \{\n/);
  expect(file).toContain('    listThingNames: client.action({');
});
