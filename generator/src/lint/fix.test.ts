import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixSpec, operationIdFor } from './fix.js';

const yaml = `# keep me
openapi: 3.0.3
info:
  title: Pets # and me
  version: 1.0.0
paths:
  /pets/:
    get:
      responses: {}
  /users/:
    get:
      operationId: listUsersSlash
      responses: {}
  /users:
    get:
      operationId: getUsers
      responses: {}
  /pets/{petId}:
    delete:
      responses: {}
`;

describe('fixSpec', () => {
  it('fixes YAML in place, keeping comments, and reports what it did and did not do', () => {
    const result = fixSpec(yaml, 'yaml', parse(yaml), 'openapi-3.0');
    expect(result.text).toContain('# keep me');
    expect(result.text).toContain('title: Pets # and me');
    const fixed = parse(result.text);
    expect(Object.keys(fixed.paths)).toEqual(['/pets', '/users/', '/users', '/pets/{petId}']);
    expect(fixed.paths['/pets'].get.operationId).toBe('getPets');
    expect(fixed.paths['/pets/{petId}'].delete.operationId).toBe('deletePetsByPetId');
    expect(fixed.info.description).toMatch(/^Placeholder/);
    expect(Object.keys(fixed.info)).toEqual(['title', 'description', 'version']);
    expect(result.fixed.map((f) => f.code).sort()).toEqual(['CG_NO_INFO_DESCRIPTION', 'CG_NO_OPERATION_ID', 'CG_NO_OPERATION_ID', 'CG_PATH_TRAILING_SLASH']);
    expect(result.skipped).toMatchObject([{ code: 'CG_PATH_TRAILING_SLASH', pointer: '/paths/~1users~1' }]);
  });

  it('fixes JSON keeping key order and indentation, with ids unique in the document', () => {
    const doc = { openapi: '3.0.3', info: { title: 'T', description: 'd', version: '1' }, paths: { '/a': { get: { operationId: 'getA' }, post: {} }, '/a/': { get: {} } } };
    const text = JSON.stringify(doc, null, 4) + '\n';
    const result = fixSpec(text, 'json', doc, 'openapi-3.0');
    const fixed = JSON.parse(result.text);
    expect(result.text).toMatch(/^\{\n {4}"openapi"/);
    expect(fixed.paths['/a'].post.operationId).toBe('postA');
    expect(fixed.paths['/a/'].get.operationId).toBe('getA2');
    expect(result.skipped).toHaveLength(1);
  });

  it('changes nothing when there is nothing to fix', () => {
    const text = 'openapi: 3.0.3\ninfo: { title: T, description: d, version: "1" }\npaths: {}\n';
    expect(fixSpec(text, 'yaml', parse(text), 'openapi-3.0')).toEqual({ text, fixed: [], skipped: [] });
  });

  it('derives names from method and path', () => {
    expect(operationIdFor('GET', '/repos/{owner}/{repo}/pulls')).toBe('getReposByOwnerByRepoPulls');
    expect(operationIdFor('post', '/')).toBe('postRoot');
    expect(operationIdFor('put', '/user-settings/v2.json')).toBe('putUserSettingsV2Json');
  });
});
