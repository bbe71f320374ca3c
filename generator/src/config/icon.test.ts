/**
 * `icon`, `status` and `headers` reach the package (regression: all three were accepted and
 * dropped); an icon is read only inside connector.yaml's tree and only as a plain SVG.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConnectgenError } from '../diagnostics/errors.js';
import { generateConnector } from '../pipeline.js';
import { regenerateConnector } from '../regenerate/index.js';

const SVG = '<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>\n';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'connectgen-icon-'));
  const dir = join(root, 'project');
  mkdirSync(dir);
  copyFileSync(new URL('../../../specs/petstore/openapi.yaml', import.meta.url), join(dir, 'openapi.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return dir;
}

async function refusal(dir: string, yaml: string): Promise<ConnectgenError> {
  writeFileSync(join(dir, 'connector.yaml'), yaml);
  const out = join(dir, 'out');
  const error = await generateConnector(join(dir, 'connector.yaml'), out).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(existsSync(out)).toBe(false);
  if (!(error instanceof ConnectgenError)) throw new Error(`expected a coded refusal, got ${String(error)}`);
  return error;
}

describe('icon, status and headers', () => {
  test('reach icon.svg, connector.json, the README, package.json files and the definition', async () => {
    const dir = project({ 'project/icon.svg': SVG });
    writeFileSync(join(dir, 'connector.yaml'), 'spec: ./openapi.yaml\nicon: ./icon.svg\nstatus: draft\nheaders: { X-Api-Version: "2024-01-01" }\n');
    const out = join(dir, 'out');
    await generateConnector(join(dir, 'connector.yaml'), out);
    expect(readFileSync(join(out, 'icon.svg'), 'utf8')).toBe(SVG);
    const manifest = JSON.parse(readFileSync(join(out, 'connector.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ status: 'draft', icon: 'icon.svg' });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('<img src="icon.svg"');
    expect((JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as { files: string[] }).files).toContain('icon.svg');
    const index = readFileSync(join(out, 'src/index.ts'), 'utf8');
    expect(index).toContain('headers: { "X-Api-Version": "2024-01-01" }');
    expect(index).toMatch(/userAgent: "petstore-connector\/[\d.]+"/);
  });

  test('status defaults to published', async () => {
    const dir = project({});
    writeFileSync(join(dir, 'connector.yaml'), 'spec: ./openapi.yaml\n');
    await generateConnector(join(dir, 'connector.yaml'), join(dir, 'out'));
    expect(JSON.parse(readFileSync(join(dir, 'out', 'connector.json'), 'utf8'))).toMatchObject({ status: 'published' });
  });

  test.each([
    ['outside the tree', { 'secret.svg': SVG }, '../secret.svg', 'CG_CONFIG_ICON_OUTSIDE'],
    ['missing', {}, './nope.svg', 'CG_CONFIG_ICON_UNREADABLE'],
    ['not an SVG', { 'project/logo.svg': '\x89PNG\r\n' }, './logo.svg', 'CG_CONFIG_ICON_NOT_SVG'],
    ['with a script', { 'project/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' }, './logo.svg', 'CG_CONFIG_ICON_UNSAFE'],
    ['with an event handler', { 'project/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' }, './logo.svg', 'CG_CONFIG_ICON_UNSAFE'],
  ])('an icon %s is refused', async (_what, files, icon, code) => {
    const error = await refusal(project(files), `spec: ./openapi.yaml\nicon: ${icon}\n`);
    expect({ code: error.code, pointer: error.pointer }).toEqual({ code, pointer: '/icon' });
  });

  test('a symlink inside the tree that leads outside is refused', async () => {
    const dir = project({ 'secret.svg': SVG });
    symlinkSync(join(dir, '..', 'secret.svg'), join(dir, 'link.svg'));
    expect((await refusal(dir, 'spec: ./openapi.yaml\nicon: ./link.svg\n')).code).toBe('CG_CONFIG_ICON_OUTSIDE');
  });

  // Regression: regenerate built its IR from the bare config, so icon.svg was dropped from the package.
  test('regenerate keeps the icon', async () => {
    const dir = project({ 'project/icon.svg': SVG });
    writeFileSync(join(dir, 'connector.yaml'), 'spec: ./openapi.yaml\nicon: ./icon.svg\n');
    const out = join(dir, 'out');
    await generateConnector(join(dir, 'connector.yaml'), out);
    await regenerateConnector(out, { now: () => new Date('2026-11-30T00:00:00Z') });
    expect(readFileSync(join(out, 'icon.svg'), 'utf8')).toBe(SVG);
    expect(JSON.parse(readFileSync(join(out, 'connector.json'), 'utf8'))).toMatchObject({ icon: 'icon.svg' });
  });
});

