import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('connectgen convert', () => {
  it('writes Swagger 2.0 as OpenAPI 3 YAML, the format picked by the extension', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'cg-convert-')), 'petstore.yaml');
    const result = await runCli(['convert', 'specs/formats/swagger-2.0.yaml', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('wrote');
    const document = parse(await readFile(out, 'utf8'));
    expect(document.openapi).toMatch(/^3\.0\./);
    expect(document.paths['/pets'].post.requestBody).toBeDefined();
  });

  // Regression: a path-level body used by two operations failed with CG_CONVERT_SWAGGER2 ("YAML anchor or merge key").
  it('converts a Swagger 2.0 path-level body shared by several operations', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'cg-convert-')), 'shared-body.json');
    const result = await runCli(['convert', 'specs/swagger2/shared-path-body.yaml', '-o', out, '--json']);
    expect(result.stderr).not.toContain('CG_CONVERT_SWAGGER2');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, from: 'swagger-2.0', to: 'openapi-3.0', diagnostics: [] });
    const document = JSON.parse(await readFile(out, 'utf8'));
    expect(document.paths['/items/{id}'].put.requestBody).toEqual({ $ref: '#/components/requestBodies/replaceItemItem' });
    expect(document.paths['/items/{id}'].patch.requestBody).toEqual({ $ref: '#/components/requestBodies/replaceItemItem' });
    expect(document.paths['/notes/{id}'].post.requestBody).toEqual(document.paths['/notes/{id}'].put.requestBody);
    expect(document.components.requestBodies.replaceItemItem.content['application/json'].schema.required).toEqual(['name']);
  });

  it('prints bundled JSON to stdout and a JSON summary with --json', async () => {
    const plain = await runCli(['convert', 'specs/formats/multi-file/openapi.yaml', '--format', 'json', '--quiet']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(JSON.parse(plain.stdout).components.schemas.contact).toBeDefined();

    const out = path.join(await mkdtemp(path.join(tmpdir(), 'cg-convert-')), 'bundled.json');
    const summary = await runCli(['convert', 'specs/formats/multi-file/openapi.yaml', '-o', out, '--json']);
    expect(summary.code).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ ok: true, from: 'openapi-3.0', to: 'openapi-3.0', output: out, diagnostics: [] });
  });

  it('exits 1 without writing when a $ref cannot be resolved, naming file, line and pointer', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'cg-convert-')), 'never.yaml');
    const result = await runCli(['convert', 'specs/convert/missing-ref.yaml', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing-ref\.yaml:23:\d+ error CG_REF_UNRESOLVED .*\(at \/components\/schemas\/Pet\/properties\/owner\)/);
    await expect(readFile(out)).rejects.toThrow();
  });

  // Regression: a schema that is only a $ref to itself made Redocly throw, printed as CG_INTERNAL.
  it('names the $ref of a ref-only cycle instead of failing inside the bundler', async () => {
    for (const command of [['convert', 'specs/convert/ref-cycle.yaml'], ['generate', 'specs/convert/ref-cycle.yaml', '--out', '.tmp/never']]) {
      const result = await runCli(command);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/error CG_REF_CYCLE .*ref-cycle\.yaml:15:10: \$ref cycle .*\(at \/components\/schemas\/A\/\$ref\)/);
      expect(result.stderr).not.toContain('CG_INTERNAL');
    }
  });

  it('exits 2 with a one-line coded error for input it cannot run on', async () => {
    const missing = await runCli(['convert', 'specs/does-not-exist.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error CG_LOAD_UNREADABLE .*does-not-exist\.yaml: cannot read file/);
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const badExtension = await runCli(['convert', 'specs/formats/openapi-3.0.json', '-o', 'out.txt']);
    expect(badExtension.code).toBe(2);
    expect(badExtension.stderr).toContain('CG_BAD_FLAG');

    const noArgs = await runCli(['convert']);
    expect(noArgs.code).toBe(2);
  });

  it('has help', async () => {
    const help = await runCli(['convert', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--output');
    expect(help.stdout).toContain('EXAMPLES');
  });
});
