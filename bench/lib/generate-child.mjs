// One in-process `generateConnector` run for bench/generate-stages.mjs: prints one JSON line with each
// stage's time and the heap after it. Run as `node generate-child.mjs <checkout> <spec> <out>`;
// the parent measures the process's wall, CPU and peak RSS around it.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [checkout, spec, out] = process.argv.slice(2);
const dist = (file) => pathToFileURL(path.join(checkout, 'generator', 'dist', file)).href;
const { generateConnector } = await import(dist('pipeline.js'));
// The heap policy the generate command sets (src/cli/heap.ts), where the checkout has one.
if (existsSync(new URL(dist('cli/heap.js')))) (await import(dist('cli/heap.js'))).growHeapSlowly();
rmSync(out, { recursive: true, force: true });
const stages = {};
const heapMb = {};
const started = performance.now();
await generateConnector(spec, out, {
  force: true,
  onStage: ({ stage, ms }) => {
    stages[stage] = ms;
    heapMb[stage] = Math.round(process.memoryUsage().heapUsed / 1e6);
  },
});
const pipelineMs = Math.round(performance.now() - started);
console.log(JSON.stringify({ stages, heapMb, pipelineMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
