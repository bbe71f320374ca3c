import { describe, expect, test } from 'vitest';
import { actionName, actionNameFromPath, dedupe, inputKey, isIdentifier, kebabCase, pascalCase, typeName } from './names.js';

describe('action names', () => {
  test.each([
    ['listPets', 'listPets'],
    ['list_pets', 'listPets'],
    ['repos/get', 'reposGet'],
    ['get-pet-by-id', 'getPetById'],
    ['GetPet', 'getPet'],
    ['getHTTPStatus', 'getHttpStatus'],
    ['URL', 'url'],
    ['delete', 'delete_'],
    ['class', 'class_'],
    ['2fast', '_2fast'],
    ['café.list', 'cafeList'],
    ['名前', 'u540dU524d'],
    ['', 'action'],
    ['__proto__', 'proto'],
  ])('%j -> %s', (operationId, expected) => {
    expect(actionName(operationId)).toBe(expected);
    expect(isIdentifier(actionName(operationId))).toBe(true);
  });

  test.each([
    ['GET', '/pets/{id}', 'getPetsById'],
    ['post', '/pets/{petId}/photos', 'postPetsByPetIdPhotos'],
    ['GET', '/', 'getRoot'],
    ['DELETE', '/a-b/c_d.json', 'deleteABCDJson'],
  ])('%s %s -> %s', (method, path, expected) => {
    expect(actionNameFromPath(method, path)).toBe(expected);
  });
});

describe('type names', () => {
  test.each([
    ['Pet', 'Pet'],
    ['Foo.Bar-baz', 'FooBarBaz'],
    ['123abc', '_123abc'],
    ['pet_status', 'PetStatus'],
    ['Record', 'RecordType'],
    ['Blob', 'BlobType'],
    ['Promise', 'PromiseType'],
    ['ünïcödé', 'Unicode'],
    ['$$$', 'Schema'],
  ])('%j -> %s', (name, expected) => {
    expect(typeName(name)).toBe(expected);
  });
});

describe('input keys and other names', () => {
  test.each([
    ['per_page', 'per_page'],
    ['X-Request-Id', 'xRequestId'],
    ['filter[name]', 'filterName'],
    ['default', 'default_'],
    ['$select', '$select'],
  ])('%j -> %s', (name, expected) => {
    expect(inputKey(name)).toBe(expected);
  });

  test('kebab and pascal case for package and factory names', () => {
    expect(kebabCase('GitHub v3 REST API')).toBe('git-hub-v3-rest-api');
    expect(kebabCase('!!!')).toBe('default');
    expect(kebabCase("GitHub's REST API", 'x', false)).toBe('githubs-rest-api');
    expect(pascalCase('my-api')).toBe('MyApi');
  });
});

describe('dedupe', () => {
  test('exact spellings win, losers get numbers, input order does not matter', () => {
    const requests = [
      { id: 'b', candidate: 'FooBar' },
      { id: 'a', candidate: 'FooBar' },
      { id: 'c', candidate: 'FooBar', exact: true },
      { id: 'd', candidate: 'FooBar2' },
    ];
    const expected = new Map([
      ['c', 'FooBar'],
      ['d', 'FooBar2'],
      ['a', 'FooBar3'],
      ['b', 'FooBar4'],
    ]);
    expect(Object.fromEntries(dedupe(requests))).toEqual(Object.fromEntries(expected));
    expect(Object.fromEntries(dedupe([...requests].reverse()))).toEqual(Object.fromEntries(expected));
  });

  test('taken names are avoided', () => {
    expect(dedupe([{ id: 'x', candidate: 'body' }], new Set(['body'])).get('x')).toBe('body2');
  });
});
