/**
 * A spec nested deeper than the stack allows ends in one coded error (CG_TOO_DEEP) from lint,
 * convert and generate alike, never "Maximum call stack size exceeded" or CG_INTERNAL.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const HEAD = '{"openapi":"3.0.3","info":{"title":"Deep","version":"1","description":"d"},"servers":[{"url":"https://x.test"}],"paths":{"/deep":{"get":{"operationId":"getDeep","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}}}}}},"components":{"schemas":';

/** One schema nested `levels` deep, written as text (JSON.stringify itself overflows on it). */
const nested = (levels: number): string =>
  `${HEAD}{"S0":${'{"type":"object","properties":{"child":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}}}}`;

/** A chain of `length` schemas, each a property $ref to the next: shallow text, deep to resolve. */
function chain(length: number): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < length; i++) schemas[`S${i}`] = i + 1 < length ? { type: 'object', properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } } : { type: 'string' };
  return `${HEAD}${JSON.stringify(schemas)}}}`;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cg-deep-'));
  await writeFile(path.join(dir, 'nested.json'), nested(5000));
  await writeFile(path.join(dir, 'nested.yaml'), `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Deep: ${'{properties: {c: '.repeat(3000)}{type: string}${'}}'.repeat(3000)}\n`);
  await writeFile(path.join(dir, 'chain.json'), chain(1200));
  await writeFile(path.join(dir, 'fine.json'), nested(150));
});

describe('a spec nested too deeply', { timeout: 180_000 }, () => {
  // A $ref chain is shallow text that only resolving makes deep. Lint reports it too, but only after
  // Spectral's resolver has spent ~20 s reaching the limit, so it is left out here.
  it.each([
    ['nested.json', ['lint', 'convert', 'generate']],
    ['nested.yaml', ['lint', 'convert', 'generate']],
    ['chain.json', ['convert', 'generate']],
  ])('%s: CG_TOO_DEEP from %s', async (name, commands) => {
    const file = path.join(dir, name);
    const out = path.join(dir, `out-${name}`);
    const runs = await Promise.all(commands.map((command) => runCli(command === 'generate' ? [command, file, '--out', out] : [command, file])));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^error CG_TOO_DEEP /m);
      expect(run.stderr).not.toMatch(/call stack|CG_INTERNAL/);
    }
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('is far above what real specs nest: 150 schema levels still convert', async () => {
    const run = await runCli(['convert', path.join(dir, 'fine.json'), '--quiet']);
    expect(run.code, run.stderr).toBe(0);
  });
});
