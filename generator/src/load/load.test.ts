import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectgenError } from '../diagnostics/errors.js';
import { loadSpec, parseSpec } from './index.js';

const specs = path.resolve(import.meta.dirname, '../../../specs/formats');

async function loadError(run: () => Promise<unknown> | unknown): Promise<ConnectgenError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConnectgenError) return error;
    throw error;
  }
  throw new Error('expected a ConnectgenError');
}

describe('loadSpec from files', () => {
  it('detects each supported version by content', async () => {
    const swagger = await loadSpec(path.join(specs, 'swagger-2.0.yaml'));
    expect([swagger.version, swagger.format]).toEqual(['swagger-2.0', 'yaml']);
    const oas30 = await loadSpec(path.join(specs, 'openapi-3.0.json'));
    expect([oas30.version, oas30.versionString, oas30.format]).toEqual(['openapi-3.0', '3.0.3', 'json']);
    const oas31 = await loadSpec(path.join(specs, 'openapi-3.1-webhooks.yaml'));
    expect(oas31.version).toBe('openapi-3.1');
    expect(path.isAbsolute(oas31.uri)).toBe(true);
  });

  it('decides JSON or YAML by content, not extension', () => {
    const yamlInJson = parseSpec('openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\n', 'spec.json');
    expect(yamlInJson.format).toBe('yaml');
    const jsonInYaml = parseSpec('{"swagger": "2.0", "info": {}, "paths": {}}', 'spec.yaml');
    expect([jsonInYaml.format, jsonInYaml.version]).toEqual(['json', 'swagger-2.0']);
  });

  it('names a missing file', async () => {
    const error = await loadError(() => loadSpec('no/such/spec.yaml'));
    expect(error.code).toBe('CG_LOAD_UNREADABLE');
    expect(error.toLine()).toContain('no/such/spec.yaml');
  });

  it('refuses a directory', async () => {
    expect((await loadError(() => loadSpec(specs))).code).toBe('CG_LOAD_NOT_A_FILE');
  });
});

describe('parseSpec rejects what is not a supported API description', () => {
  const cases: [string, string, string, { line: number; column: number } | undefined][] = [
    ['empty file', '  \n\n', 'CG_LOAD_EMPTY', undefined],
    ['invalid YAML', 'openapi: 3.0.0\ninfo:\n  title: [unclosed\n', 'CG_LOAD_PARSE', { line: 4, column: 1 }],
    ['invalid JSON', '{\n  "openapi": "3.0.0",\n  "info": }\n', 'CG_LOAD_PARSE', { line: 3, column: 11 }],
    ['Swagger 1.2', 'swaggerVersion: "1.2"\napis: []\n', 'CG_LOAD_UNSUPPORTED_VERSION', { line: 1, column: 1 }],
    ['Postman collection', '{"info": {"_postman_id": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/"}, "item": []}', 'CG_LOAD_NOT_OPENAPI', { line: 1, column: 2 }],
    ['OpenAPI 4', 'openapi: 4.0.0\n', 'CG_LOAD_UNSUPPORTED_VERSION', { line: 1, column: 1 }],
    ['unquoted numeric version', 'info: {}\nopenapi: 3.0\n', 'CG_LOAD_BAD_VERSION', { line: 2, column: 1 }],
    ['a YAML list', '- a\n- b\n', 'CG_LOAD_NOT_OPENAPI', undefined],
    ['a random file', 'hello world\n', 'CG_LOAD_NOT_OPENAPI', undefined],
    ['no version field', 'info: {title: x}\npaths: {}\n', 'CG_LOAD_NOT_OPENAPI', undefined],
  ];
  for (const [name, text, code, position] of cases) {
    it(name, async () => {
      const error = await loadError(() => parseSpec(text, '/specs/bad.yaml'));
      expect(error.code).toBe(code);
      expect(error.file).toBe('/specs/bad.yaml');
      expect(error.position).toEqual(position);
      expect(error.hint).toBeTruthy();
      // One line, never a stack trace.
      expect(error.toLine()).not.toContain('\n');
    });
  }

  it('warns, with pointer and position, about a JSON key given twice (JSON.parse keeps only the last)', () => {
    const loaded = parseSpec('{"openapi": "3.0.3", "info": {}, "paths": {\n  "/a": {},\n  "/a": {"get": {}}\n}}', '/specs/dup.json');
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({ code: 'CG_DUPLICATE_KEY', severity: 'warn', pointer: '/paths/~1a', file: '/specs/dup.json', start: { line: 3, column: 3 } }),
    ]);
  });

  it('stops YAML alias bombs', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const error = await loadError(() => parseSpec('openapi: 3.0.0\n' + bomb.join('\n') + '\n', 'bomb.yaml'));
    expect(error.code).toBe('CG_LOAD_PARSE');
  });
});

describe('YAML that js-yaml 3 and PyYAML read but YAML 1.2 refuses', () => {
  it('reads a quoted string continued on a line not indented past its key, with a warning naming the line', () => {
    const text = [
      'openapi: 3.0.3',
      'info:',
      '  title: t',
      '  version: "1"',
      '  description: "Returns the pets',
      '  in the store, \\"newest\\" first"',
      '  summary: \'it\'\'s',
      ' fine\'',
      'paths: {}',
      '',
    ].join('\n');
    const loaded = parseSpec(text, '/specs/vendor.yaml');
    expect(loaded.document['info']).toEqual({ title: 't', version: '1', description: 'Returns the pets in the store, "newest" first', summary: "it's fine" });
    expect(loaded.diagnostics?.map((d) => [d.code, d.severity, d.start?.line])).toEqual([
      ['CG_YAML_LENIENT', 'warn', 6],
      ['CG_YAML_LENIENT', 'warn', 8],
    ]);
  });

  it('still refuses YAML the repair does not fix, with the original error', async () => {
    const error = await loadError(() => parseSpec('openapi: 3.0.3\ninfo:\n  description: "open\n  never closed\npaths: [\n', '/specs/bad.yaml'));
    expect(error.code).toBe('CG_LOAD_PARSE');
  });
});

describe('loadSpec from URLs (a real server on 127.0.0.1)', () => {
  let server: Server;
  let base: string;
  const spec = 'openapi: 3.1.0\ninfo: {title: Remote, version: "1"}\npaths: {}\n';

  beforeAll(async () => {
    server = createServer((req, res) => {
      switch (req.url) {
        case '/spec':
          res.writeHead(200, { 'content-type': 'text/plain' }).end(spec);
          break;
        case '/moved':
          res.writeHead(302, { location: '/spec' }).end();
          break;
        case '/gone':
          res.writeHead(404).end('not here');
          break;
        case '/hang':
          res.writeHead(200);
          res.write('openapi: ');
          break; // never ends
        case '/huge':
          res.writeHead(200);
          // No content-length: the cap must be enforced while streaming.
          for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
          res.end();
          break;
        default:
          res.writeHead(500).end();
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('loads a spec and follows redirects, reporting the final URL', async () => {
    const loaded = await loadSpec(`${base}/moved`);
    expect(loaded.version).toBe('openapi-3.1');
    expect(loaded.uri).toBe(`${base}/spec`);
  });

  it('reports an HTTP error status', async () => {
    const error = await loadError(() => loadSpec(`${base}/gone`));
    expect(error.code).toBe('CG_LOAD_HTTP_STATUS');
    expect(error.message).toContain('404');
  });

  it('times out on a server that never finishes', async () => {
    const error = await loadError(() => loadSpec(`${base}/hang`, { timeoutMs: 300 }));
    expect(['CG_LOAD_TIMEOUT', 'CG_LOAD_FETCH']).toContain(error.code);
  });

  it('stops reading past the size cap', async () => {
    const error = await loadError(() => loadSpec(`${base}/huge`, { maxBytes: 10_000 }));
    expect(error.code).toBe('CG_LOAD_TOO_LARGE');
  });

  it('applies the size cap to files too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cg-load-'));
    const file = path.join(dir, 'big.yaml');
    await writeFile(file, spec + '#'.repeat(2000));
    expect((await loadError(() => loadSpec(file, { maxBytes: 1000 }))).code).toBe('CG_LOAD_TOO_LARGE');
  });
});
