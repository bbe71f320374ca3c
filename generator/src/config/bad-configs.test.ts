/**
 * Every kind of bad connector.yaml, through the real reader and the real pipeline (the petstore spec,
 * or a spec without security schemes): each ends in one coded error at the field's pointer, with a
 * hint, and nothing is written.
 */
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConnectgenError } from '../diagnostics/errors.js';
import { generateConnector } from '../pipeline.js';

const specs = new URL('../../../specs/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'connectgen-bad-configs-'));
copyFileSync(new URL('petstore/openapi.yaml', specs), join(dir, 'openapi.yaml'));
copyFileSync(new URL('formats/openapi-3.0.json', specs), join(dir, 'no-auth.json'));

async function refusal(yaml: string): Promise<ConnectgenError> {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  const out = `${file}.out`;
  try {
    await generateConnector(file, out);
  } catch (error) {
    expect(existsSync(out)).toBe(false);
    if (error instanceof ConnectgenError) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

// [what, connector.yaml body (after `spec:`), code, pointer]
const table: [string, string, string, string][] = [
  ['unknown top-level key', 'nme: petstore', 'CG_CONFIG_UNKNOWN_FIELD', '/nme'],
  ['misspelt section', 'auht: { type: none }', 'CG_CONFIG_UNKNOWN_FIELD', '/auht'],
  ['name not kebab-case', 'name: Bad Name', 'CG_CONFIG_INVALID', '/name'],
  ['package not an npm name', 'package: UPPER', 'CG_CONFIG_INVALID', '/package'],
  ['version not semver', 'version: v1', 'CG_CONFIG_INVALID', '/version'],
  ['baseUrl not http(s)', 'baseUrl: ftp://x', 'CG_CONFIG_INVALID', '/baseUrl'],
  ['status not draft|published', 'status: final', 'CG_CONFIG_INVALID', '/status'],
  ['icon not an SVG', 'icon: ./logo.png', 'CG_CONFIG_INVALID', '/icon'],
  ['header name with a space', 'headers: { "bad name": x }', 'CG_CONFIG_INVALID', '/headers/bad name'],
  ['header value not a string', 'headers: { X-Version: 3 }', 'CG_CONFIG_INVALID', '/headers/X-Version'],
  ['allowedHosts not a list', 'allowedHosts: files.example.com', 'CG_CONFIG_INVALID', '/allowedHosts'],
  ['allowedHosts entry with a scheme', 'allowedHosts: [files.example.com, "https://cdn.example.com"]', 'CG_CONFIG_INVALID', '/allowedHosts/1'],
  ['allowedHosts entry with a path', 'allowedHosts: [files.example.com/download]', 'CG_CONFIG_INVALID', '/allowedHosts/0'],
  ['allowedHosts wildcard', 'allowedHosts: ["*.example.com"]', 'CG_CONFIG_INVALID', '/allowedHosts/0'],
  ['allowedHosts port not a number', 'allowedHosts: ["files.example.com:https"]', 'CG_CONFIG_INVALID', '/allowedHosts/0'],
  ['auth type unknown', 'auth: { type: oauth3 }', 'CG_CONFIG_INVALID', '/auth/type'],
  ['auth without type', 'auth: { name: X-Key }', 'CG_CONFIG_MISSING_FIELD', '/auth/type'],
  ['apiKey in: body', 'auth: { type: apiKey, in: body }', 'CG_CONFIG_INVALID', '/auth/in'],
  ['field of another auth type', 'auth: { type: apiKey, tokenUrl: https://x }', 'CG_CONFIG_UNKNOWN_FIELD', '/auth/tokenUrl'],
  ['interval refresh without seconds', 'auth: { type: oauth2, refresh: { strategy: interval } }', 'CG_CONFIG_MISSING_FIELD', '/auth/refresh/intervalSeconds'],
  ['cursor without nextCursorPath', 'pagination: { type: cursor, cursorParam: c }', 'CG_CONFIG_MISSING_FIELD', '/pagination/nextCursorPath'],
  ['offset without offsetParam', 'pagination: { type: offset }', 'CG_CONFIG_MISSING_FIELD', '/pagination/offsetParam'],
  ['page size over 1000', 'pagination: { type: offset, offsetParam: o, defaultPageSize: 5000 }', 'CG_CONFIG_INVALID', '/pagination/defaultPageSize'],
  ['firstPage 2', 'pagination: { type: page, pageParam: p, firstPage: 2 }', 'CG_CONFIG_INVALID', '/pagination/firstPage'],
  ['pagination field of another type', 'pagination: { type: page, pageParam: p, cursorParam: c }', 'CG_CONFIG_UNKNOWN_FIELD', '/pagination/cursorParam'],
  ['rename pattern not a regex', 'actions: { rename: [{ pattern: "(", replacement: "" }] }', 'CG_CONFIG_INVALID', '/actions/rename/0/pattern'],
  ['selector not a list', 'actions: { include: { tags: pets } }', 'CG_CONFIG_INVALID', '/actions/include/tags'],
  ['override pagination incomplete', 'actions: { overrides: { listOrders: { pagination: { type: cursor, nextCursorPath: n } } } }', 'CG_CONFIG_MISSING_FIELD', '/actions/overrides/listOrders/pagination/cursorParam'],
  ['retry status 999', 'retry: { statuses: [999] }', 'CG_CONFIG_INVALID', '/retry/statuses/0'],
  ['negative timeout', 'timeoutMs: -1', 'CG_CONFIG_INVALID', '/timeoutMs'],
  ['lint section misspelt', 'lint: { rulez: {} }', 'CG_CONFIG_UNKNOWN_FIELD', '/lint/rulez'],
  ['lint severity unknown', 'lint: { rules: { CG_NO_SERVER: loud } }', 'CG_CONFIG_INVALID', '/lint/rules/CG_NO_SERVER'],
  // Paths are read at generate time with the runtime's parser (regression: a bad one stopped listings at run time).
  ['next URL path that does not parse', "pagination: { type: link, nextUrlPath: \"$['@odata.nextLink'\" }", 'CG_PATH_SYNTAX', '/pagination/nextUrlPath'],
  ['resultsKey with recursive descent', 'pagination: { type: link, resultsKey: "data..items" }', 'CG_PATH_SYNTAX', '/pagination/resultsKey'],
  ['cursor path matching several values', 'actions: { overrides: { listOrders: { pagination: { type: cursor, cursorParam: cursor, nextCursorPath: "data[*].id" } } } }', 'CG_CONFIG_INVALID', '/actions/overrides/listOrders/pagination/nextCursorPath'],
  ['expiry signal path that does not parse', 'auth: { type: oauth2, expirySignals: [{ path: "error..code", equals: token_expired }] }', 'CG_PATH_SYNTAX', '/auth/expirySignals/0/path'],
  ['expiry signal with equals but no path', 'auth: { type: oauth2, expirySignals: [{ status: 200, equals: token_expired }] }', 'CG_CONFIG_MISSING_FIELD', '/auth/expirySignals/0/path'],
  ['expiry signal with neither status nor path', 'auth: { type: oauth2, expirySignals: [{}] }', 'CG_CONFIG_MISSING_FIELD', '/auth/expirySignals/0/status'],
  ['expiry signal status 99', 'auth: { type: oauth2, expirySignals: [{ status: 99 }] }', 'CG_CONFIG_INVALID', '/auth/expirySignals/0/status'],
  // Cross-checks against the spec.
  ['override of no operation', 'actions: { overrides: { listOrder: { name: orders } } }', 'CG_CONFIG_NO_MATCH', '/actions/overrides/listOrder'],
  ['override of an excluded operation', 'actions: { exclude: { tags: [store] }, overrides: { listOrders: { name: orders } } }', 'CG_CONFIG_NO_MATCH', '/actions/overrides/listOrders'],
  ['include of no operationId', 'actions: { include: { operationIds: [getPett] } }', 'CG_CONFIG_NO_MATCH', '/actions/include/operationIds/0'],
  ['include of no tag', 'actions: { include: { tags: [pet] } }', 'CG_CONFIG_NO_MATCH', '/actions/include/tags/0'],
  ['exclude of no path', 'actions: { exclude: { paths: ["/nothing/**"] } }', 'CG_CONFIG_NO_MATCH', '/actions/exclude/paths/0'],
  ['testAction of no action', 'testAction: getInventry', 'CG_CONFIG_NO_MATCH', '/testAction'],
  ['auth.scheme of no scheme', 'auth: { type: apiKey, scheme: apiKy }', 'CG_CONFIG_NO_MATCH', '/auth/scheme'],
  // Regression: generated (exit 0) a package whose definition lacked tokenUrl and failed tsc.
  ['oauth2 replacing apiKey without tokenUrl', 'auth: { type: oauth2, grant: client_credentials }', 'CG_CONFIG_MISSING_FIELD', '/auth/tokenUrl'],
  ['oauth2 without grant', 'auth: { type: oauth2, tokenUrl: "https://auth.example.com/token" }', 'CG_CONFIG_MISSING_FIELD', '/auth/grant'],
  ['authorization_code without authorizationUrl', 'auth: { type: oauth2, grant: authorization_code, tokenUrl: "https://a.example.com/t" }', 'CG_CONFIG_MISSING_FIELD', '/auth/authorizationUrl'],
];

describe('a bad connector.yaml is one coded error at its pointer, and nothing is written', () => {
  test.each(table)('%s', async (_what, body, code, pointer) => {
    const error = await refusal(`spec: ./openapi.yaml\n${body}\n`);
    expect({ code: error.code, pointer: error.pointer }).toEqual({ code, pointer });
    expect(error.hint).toBeTruthy();
    expect(error.file).toMatch(/\.yaml$/);
    expect(error.position?.line).toBeGreaterThan(0);
  });

  // Regression: crashed in emit with CG_INTERNAL ("Cannot read properties of undefined").
  test('apiKey with only a preamble, over a spec that has no apiKey scheme', async () => {
    const error = await refusal('spec: ./no-auth.json\nauth: { type: apiKey, preamble: Token }\n');
    expect({ code: error.code, pointer: error.pointer }).toEqual({ code: 'CG_CONFIG_MISSING_FIELD', pointer: '/auth/in' });
    expect(error.hint).toContain('no apiKey scheme');
  });

  test('unknown keys and values get the closest known ones', async () => {
    expect((await refusal('spec: ./openapi.yaml\nauth: { type: oauth2, tokenUrll: x }\n')).hint).toBe('did you mean "tokenUrl"?');
    expect((await refusal('spec: ./openapi.yaml\nauth: { type: oauth }\n')).hint).toBe('did you mean "oauth2"?');
    expect((await refusal('spec: ./openapi.yaml\nactions: { overrides: { listOrder: {} } }\n')).hint).toBe('did you mean "listOrders"?');
    expect((await refusal('spec: ./openapi.yaml\ntestAction: getInventry\n')).hint).toBe('did you mean "getInventory"?');
    expect((await refusal('spec: ./openapi.yaml\nallowedHosts: ["https://cdn.example.com"]\n')).hint).toMatch(/without scheme, path or wildcard/);
  });
});
