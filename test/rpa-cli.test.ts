/**
 * `connectgen rpa run` and `connectgen rpa runs` as a user runs them: the built CLI, real Chromium,
 * pages served on 127.0.0.1, the store in a temporary directory.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from '../runtime/src/testing/chromium.js';
import { startRpaSite, type RpaSite } from '../runtime/src/testing/rpa-site.js';
import { repoRoot, runCli } from './helpers/cli.js';
import { hasXvfb, startXvfb, XVFB_PATH } from './helpers/xvfb.js';

const apply = path.join(repoRoot, 'specs/rpa/apply.yaml');
const PASSWORD = 'pa55-cli-secret-value';

describeWithChromium('connectgen rpa', () => {
  let site: RpaSite;
  let dir: string;
  let store: string;

  beforeAll(async () => {
    site = await startRpaSite();
    dir = await mkdtemp(path.join(tmpdir(), 'cg-rpa-cli-'));
    store = path.join(dir, 'runs.db');
  });
  afterAll(async () => {
    await site?.close();
  });

  const inputs = (baseUrl: string) => ['-i', `baseUrl=${baseUrl}`, '-i', 'name=Ada Lovelace', '-i', 'email=ada@example.org', '-i', `password=${PASSWORD}`];

  it('runs a job: outputs as JSON on stdout, the steps on stderr, the record in the store', async () => {
    const result = await runCli(['rpa', 'run', apply, ...inputs(site.origin), '--store', store]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ confirmation: expect.stringMatching(/^CN-\d+$/) });
    expect(result.stderr).toMatch(/ok {3}#4 click role button "Next"/);
    expect(result.stderr).toMatch(/^ok apply-for-permit: 11 steps in \d+ ms, run [0-9a-f-]{36}$/m);
    expect(site.submissions.at(-1)?.['password']).toBe(PASSWORD);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    // Headless by default, and the server can tell (the --headed test below relies on this).
    expect(String(site.received.at(-1)?.headers['user-agent'])).toContain('HeadlessChrome');
  });

  it('exits 1 naming the failing step, and `rpa runs` lists and shows the run', async () => {
    const result = await runCli(['rpa', 'run', apply, ...inputs(`${site.origin}/elsewhere`), '--store', store]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAILED apply-for-permit at step #1 goto .* \(\/steps\/0\): CG_RPA_STEP_FAILED .*HTTP 404/);
    expect(result.stderr).toMatch(/screenshot .*screenshots\/[0-9a-f-]{36}\/001-failed-goto\.png/);

    const runs = await runCli(['rpa', 'runs', '--store', store, '--json']);
    expect(runs.code, runs.stderr).toBe(0);
    const listed = JSON.parse(runs.stdout) as Array<{ id: string; status: string; failedStep?: string }>;
    // Newest first: this failure, then the earlier run(s) of this file.
    expect(listed[0]).toMatchObject({ status: 'failed', failedStep: expect.stringMatching(/^#1 goto/) });

    const shown = await runCli(['rpa', 'runs', listed[0]!.id, '--store', store]);
    expect(shown.stdout).toMatch(/FAIL #1 goto/);
    expect(shown.stdout).not.toContain(PASSWORD);
  });

  it('a bad job file prints every problem with code, line and hint (exit 2), before any browser starts', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'name: bad\nsteps:\n  - klick: "#go"\n  - goto: "{{ inputs.url }}"\n');
    const result = await runCli(['rpa', 'run', file, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error CG_RPA_UNKNOWN_STEP ${file}:3:5:`);
    expect(result.stderr).toContain(`error CG_RPA_UNKNOWN_VARIABLE ${file}:4:11:`);
    expect(result.stderr).toContain('Try this:');
  });

  it('a missing input and a missing browser are coded errors with hints (exit 2)', async () => {
    const missing = await runCli(['rpa', 'run', apply, '-i', `baseUrl=${site.origin}`, '--store', store]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error CG_RPA_INPUT input "name" is required \(at \/inputs\/name\)\n {2}Try this: pass it: --input name=\.\.\./);

    const noBrowser = await runCli(['rpa', 'run', apply, ...inputs(site.origin), '--store', store, '--chromium', path.join(dir, 'no-chromium')]);
    expect(noBrowser.code).toBe(2);
    expect(noBrowser.stderr).toMatch(/error CG_RPA_NO_CHROMIUM .*\n {2}Try this: install Debian's chromium package \(apt-get install chromium\)/);
  });

  it('--headed without a display says so before starting the browser (exit 2)', async () => {
    const result = await runCli(['rpa', 'run', apply, ...inputs(site.origin), '--store', store, '--headed'], {
      env: { DISPLAY: undefined, WAYLAND_DISPLAY: undefined },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error CG_RPA_NO_DISPLAY .*\n {2}Try this: drop --headed, or run under a virtual display: xvfb-run/);
  });

  // A headed Chromium identifies itself without "HeadlessChrome" in its User-Agent: the page server
  // sees which kind of browser really filled the form.
  it.skipIf(!hasXvfb())(`--headed drives a visible browser window (on Xvfb; skipped without ${XVFB_PATH}: apt-get install xvfb)`, async () => {
    const screen = await startXvfb();
    try {
      const before = site.received.length;
      const result = await runCli(['rpa', 'run', apply, ...inputs(site.origin), '--store', store, '--headed'], { env: { DISPLAY: screen.display } });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ confirmation: expect.stringMatching(/^CN-\d+$/) });
      const agents = site.received.slice(before).map((r) => String(r.headers['user-agent']));
      expect(agents.length).toBeGreaterThan(0);
      for (const agent of agents) {
        expect(agent).toContain('Chrome/');
        expect(agent).not.toContain('HeadlessChrome');
      }
    } finally {
      await screen.stop();
    }
  });
});
