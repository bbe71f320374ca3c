/**
 * `@connectgen/runtime/connector`, the runtime entry generated code imports: the same classes and
 * functions as the main entry (a caller's `instanceof ConnectorHttpError` holds whichever entry it
 * imported from), and a generated package's type-check reads none of the declarations it leaves out
 * (webhooks, mapping, paths, OAuth2 helpers), which the real tsc's file list shows.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as main from '@connectgen/runtime';
import * as connector from '@connectgen/runtime/connector';
import { expect, it } from 'vitest';
import { generateInto, REPO_ROOT } from './helpers/generate.js';

const run = promisify(execFile);

it('exports the main entry\'s own objects', () => {
  expect(Object.keys(connector).length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries(connector)) expect(value, name).toBe((main as Record<string, unknown>)[name]);
});

it('keeps webhooks, mapping and paths out of a generated package\'s type-check, unless it receives webhooks', async () => {
  const files = async (dir: string) => {
    const { stdout } = await run(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', dir, '--listFilesOnly'], { cwd: dir });
    return stdout.split('\n').filter((line) => line.includes('/runtime/dist/'));
  };
  const { dir } = await generateInto('specs/petstore/connector.yaml', 'runtime-connector-entry');
  const plain = await files(dir);
  expect(plain).toContainEqual(expect.stringMatching(/\/runtime\/dist\/connector\.d\.ts$/));
  expect(plain.filter((file) => /\/runtime\/dist\/(webhooks|mapping|path|auth)\//.test(file))).toEqual([]);
  expect(plain.some((file) => file.endsWith('/runtime/dist/index.d.ts'))).toBe(false);

  const { dir: withWebhooks } = await generateInto('specs/formats/openapi-3.1-webhooks.yaml', 'runtime-connector-entry-webhooks');
  expect(await files(withWebhooks)).toContainEqual(expect.stringMatching(/\/runtime\/dist\/webhooks\/index\.d\.ts$/));
}, 120_000);
