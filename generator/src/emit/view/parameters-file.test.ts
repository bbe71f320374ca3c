/**
 * Shared parameters: a declaration two or more operations take identically is written once in
 * src/parameters.ts; input types extend it and OperationSpecs list its constant. Checked on the
 * emitted files; the real compiler and the runtime check them in test/generate-e2e.test.ts and the
 * golden connectors.
 */
import { describe, expect, it } from 'vitest';
import { buildIR } from '../../ir/build/document.js';
import { emit } from '../index.js';

const listParameters = (select: string[]) => [
  { $ref: '#/components/parameters/top' },
  { name: '$select', in: 'query', explode: false, description: 'Select properties to be returned', schema: { type: 'array', items: { type: 'string', enum: select } } },
  { name: 'If-Match', in: 'header', description: 'ETag', schema: { type: 'string' } },
];

const spec = {
  openapi: '3.0.3',
  info: { title: 'Directory', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com' }],
  paths: {
    '/users': { get: { operationId: 'listUsers', tags: ['users'], parameters: listParameters(['id', 'name']), responses: { '204': { description: 'ok' } } } },
    '/users/{user-id}': {
      parameters: [{ name: 'user-id', in: 'path', required: true, description: 'key: id of user', schema: { type: 'string' } }],
      get: { operationId: 'getUser', tags: ['users'], parameters: [listParameters(['id', 'name'])[1]], responses: { '204': { description: 'ok' } } },
      delete: { operationId: 'deleteUser', tags: ['users'], parameters: [{ name: 'If-Match', in: 'header', description: 'ETag', schema: { type: 'string' } }], responses: { '204': { description: 'ok' } } },
    },
    '/groups': { get: { operationId: 'listGroups', tags: ['groups'], parameters: listParameters(['id', 'title']), responses: { '204': { description: 'ok' } } } },
    '/groups/{group-id}': {
      get: {
        operationId: 'getGroup',
        tags: ['groups'],
        parameters: [
          { name: 'group-id', in: 'path', required: true, schema: { type: 'string' } },
          // The same name and type as the list's, serialised differently: not the same declaration.
          { name: '$select', in: 'query', description: 'Select properties to be returned', schema: { type: 'array', items: { type: 'string', enum: ['id', 'title'] } } },
        ],
        responses: { '204': { description: 'ok' } },
      },
    },
  },
  components: { parameters: { top: { name: '$top', in: 'query', description: 'Show only the first n items', schema: { type: 'integer', minimum: 0 } } } },
};

describe('shared parameters', () => {
  const files = emit(buildIR(spec));
  const parameters = files.get('src/parameters.ts')!;
  const users = files.get('src/actions/users.ts')!;
  const groups = files.get('src/actions/groups.ts')!;

  it('declares each parameter several operations take identically once, with its ParameterSpec', () => {
    const declared = [...parameters.matchAll(/^export interface (\w+) \{/gm)].map((m) => m[1]);
    // $top (a components.parameters entry), If-Match and the path's user-id: one declaration each.
    // $select: the users' enum is taken by listUsers and getUser; the groups' by listGroups only.
    expect(declared.sort()).toEqual(['IfMatchParameter', 'ListUsersSelectParameter', 'TopParameter', 'UserIdParameter']);
    expect(parameters).toContain('export const topParameter: ParameterSpec = { name: "$top", key: "$top", in: "query" };');
    expect(parameters).toMatch(/export interface TopParameter \{\n  \/\*\*\n   \* Show only the first n items\n[\s\S]*?\n  \$top\?: number;\n\}/);
  });

  it('makes input types extend the shared interfaces and OperationSpecs list the shared constants', () => {
    expect(users).toContain('import * as shared from "../parameters.js";');
    expect(users).toContain('export interface ListUsersInput extends shared.ListUsersSelectParameter, shared.TopParameter, shared.IfMatchParameter {}');
    expect(users).toContain('export interface DeleteUserInput extends shared.UserIdParameter, shared.IfMatchParameter {}');
    expect(users).toMatch(/parameters: \[shared\.userIdParameter, shared\.listUsersSelectParameter\]/);
    // The list of groups has its own $select: inline, beside the shared ones.
    expect(groups).toMatch(/export interface ListGroupsInput extends shared\.TopParameter, shared\.IfMatchParameter \{\n[\s\S]*?\$select\?: \("id" \| "title"\)\[\];\n\}/);
    // getGroup's $select explodes (the default) where the list's does not: not shared.
    expect(groups).toMatch(/export interface GetGroupInput \{[\s\S]*?groupId: string;[\s\S]*?\$select\?: \("id" \| "title"\)\[\];\n\}/);
  });

  it('writes no parameters file when no declaration is shared', () => {
    const single = emit(buildIR({ ...spec, paths: { '/users': spec.paths['/users'] } }));
    expect(single.has('src/parameters.ts')).toBe(false);
    expect(single.get('src/actions/users.ts')).not.toContain('shared');
  });
});
