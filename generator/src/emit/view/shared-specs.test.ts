/**
 * Shared request bodies and pagination: a RequestBodySpec or PaginationConfig that two or more
 * operations have alike is written once in src/parameters.ts and named by their OperationSpecs; one
 * that a single operation has stays in place. The real compiler and runtime check the result in
 * the golden connectors and the e2e tests (test/generate-*-e2e.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildIR } from '../../ir/build/document.js';
import { emit } from '../index.js';

const json = { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } };
const list = (id: string, cursor: string, next: string) => ({
  operationId: id,
  parameters: [
    { name: cursor, in: 'query', schema: { type: 'string' } },
    { name: 'limit', in: 'query', schema: { type: 'integer' } },
  ],
  responses: {
    '200': {
      description: 'ok',
      content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { type: 'string' } }, [next]: { type: 'string' } } } } },
    },
  },
});

const spec = {
  openapi: '3.0.3',
  info: { title: 'Things', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/things': {
      get: list('listThings', 'cursor', 'next_cursor'),
      post: { operationId: 'createThing', requestBody: { required: true, ...json }, responses: { '204': { description: 'ok' } } },
    },
    '/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      put: { operationId: 'replaceThing', requestBody: { required: true, ...json }, responses: { '204': { description: 'ok' } } },
      patch: { operationId: 'patchThing', requestBody: { content: { 'application/merge-patch+json': json.content['application/json'] } }, responses: { '204': { description: 'ok' } } },
    },
    '/widgets': { get: list('listWidgets', 'cursor', 'next_cursor') },
    // A schema named like the body constant's base: the constant gets another name, the schema keeps its own.
    '/gadgets': { get: list('listGadgets', 'page_token', 'next_page_token') },
  },
  components: { schemas: { RequiredJsonBody: { type: 'object', properties: { x: { type: 'string' } } } } },
};

describe('shared request bodies and pagination', () => {
  const files = emit(buildIR(spec));
  const parameters = files.get('src/parameters.ts')!;
  const things = files.get('src/actions/things.ts')!;
  const widgets = files.get('src/actions/widgets.ts')!;
  const gadgets = files.get('src/actions/gadgets.ts')!;

  it('declares a body two operations send alike once, named after its media type, and names it in both specs', () => {
    expect(parameters).toContain('/** The required `application/json` request body of several operations. */');
    expect(parameters).toContain('export const requiredJsonBody2: RequestBodySpec = {\n  mediaType: "application/json",\n  encoding: "json",\n  required: true,\n};');
    expect(things.match(/requestBody: shared\.requiredJsonBody2,/g)).toHaveLength(2);
    expect(files.get('src/types.ts')).toContain('export type RequiredJsonBody = {');
  });

  it('leaves a body only one operation sends in place', () => {
    expect(parameters).not.toContain('merge-patch');
    expect(things).toContain('requestBody: { mediaType: "application/merge-patch+json", encoding: "json" },');
  });

  it('declares pagination two operations share once, named after the parameter that carries the cursor', () => {
    expect(parameters).toMatch(/export const cursorPagination: PaginationConfig = \{\n  type: "cursor",\n  cursorParam: "cursor",/);
    expect(parameters).toContain('/** Cursor pagination through `cursor`, the next cursor read at `next_cursor`, as several operations page. */');
    expect(things).toContain('pagination: shared.cursorPagination,');
    expect(widgets).toContain('pagination: shared.cursorPagination,');
    expect(parameters).not.toContain('page_token');
    expect(gadgets).toContain('cursorParam: "page_token"');
  });

  it('imports the runtime types it declares them as from the runtime entry for connector code', () => {
    expect(parameters).toMatch(/^import type \{\n  PaginationConfig,\n  ParameterSpec,\n  RequestBodySpec,\n\} from "@connectgen\/runtime\/connector";$/m);
  });
});
