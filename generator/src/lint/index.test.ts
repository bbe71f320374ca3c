import { describe, expect, it } from 'vitest';
import { lintFixture, only } from './testing.js';

describe('lintSpec', () => {
  it('names the referenced file, with its own line numbers, for findings inside it', async () => {
    const found = await lintFixture('bad/multi-file/openapi.yaml');
    const inOther = found.filter((d) => d.file?.endsWith('schemas.yaml'));
    expect(inOther.map((d) => [d.code, d.pointer, d.start?.line])).toEqual([
      ['CG_REQUIRED_NOT_IN_PROPERTIES', '/Item/required', 3],
      ['CG_INVALID_PATTERN', '/Item/properties/id/pattern', 7],
    ]);
    expect(found.filter((d) => d.file?.endsWith('openapi.yaml'))).toEqual([]);
  });

  it('is silent on a clean multi-file spec', async () => {
    expect(await lintFixture('good/multi-file/openapi.yaml')).toEqual([]);
  });

  it('runs the spectral:oas rules too, with positions in JSON and YAML', async () => {
    const json = await lintFixture('bad/invalid-pattern.json', { oas: true });
    expect(only('info-contact', json)).toMatchObject([{ pointer: '/info', start: { line: 3, column: 3 } }]);
    const yaml = await lintFixture('bad/path-trailing-slash.yaml', { oas: true });
    expect(only('path-keys-no-trailing-slash', yaml).map((d) => [d.pointer, d.start?.line])).toEqual([
      ['/paths/~1pets~1', 10],
      ['/paths/~1users~1', 16],
    ]);
  });

  it('reports example problems as spectral:oas does', async () => {
    const found = await lintFixture('bad/invalid-example.yaml', { oas: true });
    expect(only('oas3-valid-media-example', found).map((d) => d.pointer)).toEqual(['/paths/~1pets/get/responses/200/content/application~1json/example/id']);
    expect(only('oas3-valid-schema-example', found).map((d) => d.pointer)).toEqual(['/components/schemas/Pet/properties/name/example']);
  });

  it('applies rule settings by code, rule id or Spectral id', async () => {
    const found = await lintFixture('bad/unsupported-security-scheme.yaml', {
      oas: true,
      rules: { CG_UNSUPPORTED_SECURITY_SCHEME: 'error', 'info-contact': 'off', 'no-server': 'off' },
    });
    expect(only('CG_UNSUPPORTED_SECURITY_SCHEME', found).every((d) => d.severity === 'error')).toBe(true);
    expect(only('info-contact', found)).toEqual([]);
    const off = await lintFixture('bad/invalid-pattern.json', { rules: { 'invalid-pattern': 'off' } });
    expect(only('CG_INVALID_PATTERN', off)).toEqual([]);
  });

  it('good fixtures pass the spectral:oas recommended rules too', async () => {
    for (const good of ['good/petstore-swagger2.yaml', 'good/petstore-oas30.json', 'good/webhooks-oas31.yaml']) {
      expect((await lintFixture(good, { oas: true })).map((d) => `${d.code} ${d.pointer}`)).toEqual([]);
    }
  });
});
