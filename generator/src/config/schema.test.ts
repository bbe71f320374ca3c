/**
 * The one schema: the README's example and every connector.yaml in the repository are valid; lint
 * and generate both accept the README's example; the CLI package ships the schema.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildIR } from '../ir/build/document.js';
import { loadLintConfig } from '../lint/config.js';
import { generateConnector } from '../pipeline.js';
import { readConnectorConfig } from './read.js';
import { checkConfigShape } from './schema.js';
import { closest, editDistance } from './suggest.js';

const root = new URL('../../../', import.meta.url);

/** The yaml block of the README's connector.yaml section. */
function readmeExample(): string {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.slice(readme.indexOf('### `connector.yaml`'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README has no connector.yaml example');
  return match[1];
}

function configsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return configsUnder(path);
    return /^connector\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('connector.schema.json', () => {
  // Regression: generate refused the README's own example (`lint:` was unknown to its validator).
  test("the README's example is valid, and both generate and lint accept it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connectgen-readme-config-'));
    copyFileSync(new URL('specs/petstore/openapi.yaml', root), join(dir, 'openapi.yaml'));
    const file = join(dir, 'connector.yaml');
    writeFileSync(file, readmeExample());
    writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    expect(readmeExample()).toMatch(/^# yaml-language-server: \$schema=.*connector\.schema\.json$/m);
    expect(readConnectorConfig(file).config.lint?.rules).toEqual({ CG_NO_SERVER: 'off', 'info-contact': 'off' });
    const generated = await generateConnector(file, join(dir, 'out'));
    expect(generated.ir.info.packageName).toBe('@acme/petstore-connector');
    expect(generated.ir.operations.find((op) => op.name === 'listOrders')?.pagination?.config).toMatchObject({ type: 'cursor' });
    expect(loadLintConfig({ spec: join(dir, 'openapi.yaml') }).rules).toEqual({ CG_NO_SERVER: 'off', 'info-contact': 'off' });
  });

  test('every connector.yaml under specs/ is valid and names the schema for editors', () => {
    const files = configsUnder(new URL('specs', root).pathname);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(() => readConnectorConfig(file), file).not.toThrow();
      expect(readFileSync(file, 'utf8'), file).toMatch(/^# yaml-language-server: \$schema=\S*connector\.schema\.json$/m);
    }
  });

  test('the CLI package ships it and exports it', () => {
    const pkg = JSON.parse(readFileSync(new URL('generator/package.json', root), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toContain('connector.schema.json');
    expect(pkg.exports['./connector.schema.json']).toBe('./connector.schema.json');
  });

  test('a valid config has no problem; an empty mapping is valid', () => {
    expect(checkConfigShape({})).toBeUndefined();
    expect(checkConfigShape({ spec: './x.yaml', auth: { type: 'oauth2', clientAuth: 'body' } })).toBeUndefined();
    expect(checkConfigShape('just a string')).toMatchObject({ code: 'CG_CONFIG_INVALID', pointer: '' });
  });
});

describe('did you mean', () => {
  test('edit distance, case-insensitive', () => {
    expect(editDistance('tokenUrll', 'tokenUrl')).toBe(1);
    expect(editDistance('AUTH', 'auth')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('closest names first; nothing when nothing is near', () => {
    expect(closest('listPet', ['listPets', 'getPet', 'listOrders'])).toEqual(['listPets']);
    expect(closest('zzz', ['listPets', 'getPet'])).toEqual([]);
    expect(closest('Inventory', ['getInventory', 'listPets'])).toEqual(['getInventory']);
  });
});

describe('lint reads connector.yaml through the same reader', () => {
  test('a bad connector.yaml beside the spec stops lint with the same coded error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'connectgen-lint-config-'));
    copyFileSync(new URL('specs/petstore/openapi.yaml', root), join(dir, 'openapi.yaml'));
    writeFileSync(join(dir, 'connector.yaml'), 'spec: ./openapi.yaml\nlint:\n  rulez: { CG_NO_SERVER: off }\n');
    expect(() => loadLintConfig({ spec: join(dir, 'openapi.yaml') })).toThrow(expect.objectContaining({ code: 'CG_CONFIG_UNKNOWN_FIELD', pointer: '/lint/rulez', hint: 'did you mean "rules"?' }));
  });
});

describe('an auth override of another type', () => {
  test('says which of the spec\'s schemes it replaces', () => {
    const spec = parse(readFileSync(new URL('specs/petstore/openapi.yaml', root), 'utf8')) as Record<string, unknown>;
    const ir = buildIR(spec, { auth: { type: 'oauth2', grant: 'client_credentials', tokenUrl: 'https://auth.example.com/token' } });
    const note = ir.diagnostics.find((d) => d.code === 'CG_CONFIG_AUTH_REPLACED');
    expect(note).toMatchObject({ severity: 'info', pointer: '/components/securitySchemes/apiKey' });
    expect(note?.message).toContain('replaces the spec\'s security scheme "apiKey" (apiKey)');
    expect(buildIR(spec, { auth: { type: 'apiKey', preamble: 'Token' } }).diagnostics.some((d) => d.code === 'CG_CONFIG_AUTH_REPLACED')).toBe(false);
  });
});

