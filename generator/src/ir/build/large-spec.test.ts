/**
 * The GitHub REST spec (~1,200 operations, ~970 schemas) through buildIR, when bench/ has fetched it
 * (`node bench/generate.mjs` caches it). Guards against quadratic scans and deep cloning: the bound is
 * loose because CI machines are shared; locally it builds in ~0.2-0.5 s.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildIR } from './document.js';

const CACHE = new URL('../../../../bench/.cache/', import.meta.url).pathname;

function findGithubSpec(): string | undefined {
  if (!existsSync(CACHE)) return undefined;
  for (const entry of readdirSync(CACHE)) {
    const file = join(CACHE, entry, 'package', 'generated', 'api.github.com.json');
    if (entry.startsWith('@octokit__openapi') && existsSync(file)) return file;
  }
  return undefined;
}

const spec = findGithubSpec();

test.skipIf(spec === undefined)('GitHub REST spec: IR in well under a second, deterministic', () => {
  const document = JSON.parse(readFileSync(spec ?? '', 'utf8')) as Record<string, unknown>;
  const started = performance.now();
  const ir = buildIR(document);
  const ms = performance.now() - started;
  expect(ir.operations.length).toBeGreaterThan(900);
  expect(ir.schemas.length).toBeGreaterThan(800);
  expect(ms).toBeLessThan(3000);
  expect(JSON.stringify(buildIR(document))).toBe(JSON.stringify(ir));
});
