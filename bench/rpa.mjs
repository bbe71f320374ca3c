/**
 * RPA bench: a 10-step job (goto, five fills, select, check, click, extract) against a form served on
 * 127.0.0.1, in the system's Chromium.
 *   - cold: `runJob` end to end, browser start and close included (what `connectgen rpa run` pays);
 *   - warm: one `RpaRunner` whose browser is already up, runs back to back (a fresh context each),
 *     sequentially and at concurrency 2; steps per second and per-run time.
 *
 *   npx tsc -b runtime && node bench/rpa.mjs [cold-runs] [warm-runs]
 *
 * Chromium: CHROMIUM_PATH, else /usr/bin/chromium. Medians are printed, as a shared machine makes
 * single runs noisy.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { defineJob, RpaRunner, runJob } from '../runtime/dist/rpa/index.js';

const COLD_RUNS = Number(process.argv[2] ?? 3);
const WARM_RUNS = Number(process.argv[3] ?? 20);

const FORM = `<!doctype html><html><head><title>Bench form</title></head><body>
<form method="post" action="/done">
  <label>First name <input name="first"></label>
  <label>Last name <input name="last"></label>
  <label>Email <input name="email"></label>
  <label>Phone <input name="phone"></label>
  <label>City <input name="city"></label>
  <label>Plan <select name="plan"><option>basic</option><option>pro</option></select></label>
  <label><input type="checkbox" name="terms" value="yes"> I accept</label>
  <button>Send</button>
</form></body></html>`;

const job = defineJob({
  name: 'bench-ten-steps',
  inputs: { baseUrl: {}, first: {}, email: {} },
  outputs: ['reference'],
  steps: [
    { goto: '{{ inputs.baseUrl }}/form' },
    { fill: { label: 'First name' }, value: '{{ inputs.first }}' },
    { fill: { label: 'Last name' }, value: 'Lovelace' },
    { fill: { label: 'Email' }, value: '{{ inputs.email }}' },
    { fill: { label: 'Phone' }, value: '+44 20 7946 0000' },
    { fill: { label: 'City' }, value: 'London' },
    { select: { label: 'Plan' }, value: 'pro' },
    { check: { label: 'I accept' } },
    { click: { role: 'button', name: 'Send' } },
    { extract: { testId: 'reference' }, as: 'reference' },
  ],
});
const STEPS = job.steps.length;

let submissions = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url === '/form' ? FORM : `<!doctype html><p>Reference <b data-testid="reference">R-${++submissions}</b></p>`;
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const inputs = { baseUrl: `http://127.0.0.1:${server.address().port}`, first: 'Ada', email: 'ada@example.org' };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value)} ms`;

function check(result) {
  if (result.record.status !== 'succeeded') throw new Error(`bench job failed: ${JSON.stringify(result.record.error)}`);
}

try {
  const cold = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const started = performance.now();
    check(await runJob(job, inputs));
    cold.push(performance.now() - started);
  }
  console.log(`cold: ${STEPS}-step job end to end, browser start and close included: median ${ms(median(cold))} (runs: ${cold.map(ms).join(', ')})`);

  const runner = new RpaRunner({ concurrency: 2 });
  try {
    check(await runner.run(job, inputs)); // starts the browser; not counted
    const perRun = [];
    const stepTimes = [];
    const started = performance.now();
    for (let i = 0; i < WARM_RUNS; i++) {
      const t = performance.now();
      const result = await runner.run(job, inputs);
      check(result);
      perRun.push(performance.now() - t);
      stepTimes.push(result.record.steps.reduce((sum, s) => sum + s.durationMs, 0));
    }
    const sequential = performance.now() - started;
    console.log(`warm, sequential: ${WARM_RUNS} runs in ${ms(sequential)}: ${((WARM_RUNS * STEPS) / (sequential / 1000)).toFixed(1)} steps/s including a fresh context per run; median run ${ms(median(perRun))}, of which steps ${ms(median(stepTimes))} (${(STEPS / (median(stepTimes) / 1000)).toFixed(1)} steps/s inside a run)`);

    const parallelStarted = performance.now();
    const results = await Promise.all(Array.from({ length: WARM_RUNS }, () => runner.run(job, inputs)));
    results.forEach(check);
    const parallel = performance.now() - parallelStarted;
    console.log(`warm, concurrency 2 (one browser, a context per run): ${WARM_RUNS} runs in ${ms(parallel)}: ${((WARM_RUNS * STEPS) / (parallel / 1000)).toFixed(1)} steps/s`);
  } finally {
    await runner.close();
  }
} finally {
  server.close();
}
