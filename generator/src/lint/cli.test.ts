/** `connectgen lint` as a user runs it: exit codes, formats, output file, settings, --fix. */
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';

const bad = 'specs/lint/bad/no-operation-id.yaml';

// Each run loads oclif and Spectral (~1 s alone, several under a loaded CI machine).
// Each case starts the CLI (and Spectral) several times: minutes when two suites share two cores.
describe('connectgen lint', { timeout: 300_000 }, () => {
  it('exits 0 on a clean spec and 1 on a finding at --fail-severity', async () => {
    const clean = await runCli(['lint', 'specs/lint/good/petstore-oas30.json']);
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stdout).toContain('no problems');
    const failing = await runCli(['lint', bad]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/11:5 +error +CG_NO_OPERATION_ID/);
    // Only warnings in this one: 0 by default, 1 with --fail-severity warn.
    expect((await runCli(['lint', 'specs/lint/bad/no-info-description.yaml'])).code).toBe(0);
    expect((await runCli(['lint', 'specs/lint/bad/no-info-description.yaml', '--fail-severity', 'warn'])).code).toBe(1);
  });

  it('writes json and sarif, to stdout or -o', async () => {
    const json = await runCli(['lint', bad, '--format', 'json']);
    expect(JSON.parse(json.stdout).map((d: { code: string }) => d.code)).toContain('CG_NO_OPERATION_ID');
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'cg-lint-')), 'report.sarif');
    const sarif = await runCli(['lint', bad, '--format', 'sarif', '-o', out]);
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe('');
    expect(JSON.parse(await readFile(out, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
  });

  it('--quiet shows only findings at or above --fail-severity; --no-oas skips spectral:oas', async () => {
    const quiet = await runCli(['lint', bad, '--quiet', '--format', 'json']);
    expect(JSON.parse(quiet.stdout).map((d: { code: string }) => d.code)).toEqual(['CG_NO_OPERATION_ID']);
    const ours = await runCli(['lint', bad, '--no-oas', '--format', 'json']);
    expect(JSON.parse(ours.stdout).every((d: { code: string }) => d.code.startsWith('CG_'))).toBe(true);
  });

  it('takes rule settings from --ruleset, and from a connector.yaml given as the argument', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cg-lint-'));
    await copyFile(bad, path.join(dir, 'openapi.yaml'));
    await writeFile(path.join(dir, 'off.yaml'), 'rules:\n  CG_NO_OPERATION_ID: off\n');
    expect((await runCli(['lint', path.join(dir, 'openapi.yaml'), '--ruleset', path.join(dir, 'off.yaml')])).code).toBe(0);
    await writeFile(path.join(dir, 'connector.yaml'), 'spec: ./openapi.yaml\nlint:\n  rules:\n    CG_NO_OPERATION_ID: warn\n');
    const viaConnector = await runCli(['lint', path.join(dir, 'connector.yaml'), '--format', 'json']);
    expect(viaConnector.code).toBe(0);
    expect(JSON.parse(viaConnector.stdout).find((d: { code: string }) => d.code === 'CG_NO_OPERATION_ID').severity).toBe('warn');
  });

  // Regression: JSON.parse keeps the last of two equal keys, so a repeated path vanished unreported.
  it('reports a JSON key given twice, and lets settings switch it off', async () => {
    const dup = 'specs/lint/bad/duplicate-key.json';
    const found = await runCli(['lint', dup, '--no-oas', '--format', 'json']);
    expect(JSON.parse(found.stdout)).toEqual([expect.objectContaining({ code: 'CG_DUPLICATE_KEY', pointer: '/paths/~1pets', start: { line: 7, column: 5 } })]);
    const dir = await mkdtemp(path.join(tmpdir(), 'cg-lint-dup-'));
    const ruleset = path.join(dir, 'rules.yaml');
    await writeFile(ruleset, 'rules:\n  CG_DUPLICATE_KEY: off\n');
    expect(JSON.parse((await runCli(['lint', dup, '--no-oas', '--format', 'json', '--ruleset', ruleset])).stdout)).toEqual([]);
  });

  it('exits 2 with a coded one-line error on unreadable input or bad settings', async () => {
    const missing = await runCli(['lint', 'specs/lint/nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error CG_LOAD_\w+ /m);
    const dir = await mkdtemp(path.join(tmpdir(), 'cg-lint-'));
    await writeFile(path.join(dir, 'bad.yaml'), 'rules:\n  NOT_A_RULE: off\n');
    const config = await runCli(['lint', bad, '--ruleset', path.join(dir, 'bad.yaml')]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/error CG_LINT_CONFIG_INVALID .*bad\.yaml:2:3: unknown rule "NOT_A_RULE" \(at \/rules\/NOT_A_RULE\)/);
    expect((await runCli(['lint', bad, '--format', 'xml'])).code).toBe(2);
  });

  it('--fix -o writes the fixed document and lints that', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'cg-lint-')), 'fixed.yaml');
    const result = await runCli(['lint', 'specs/lint/bad/path-trailing-slash.yaml', '--fix', '-o', out, '--no-oas', '--format', 'json']);
    expect(result.stderr).toContain('fixed CG_PATH_TRAILING_SLASH /paths/~1pets~1');
    expect(result.stderr).toContain('not fixed CG_PATH_TRAILING_SLASH /paths/~1users~1');
    const fixed = await readFile(out, 'utf8');
    expect(fixed).toContain('# CG_PATH_TRAILING_SLASH');
    expect(fixed).toMatch(/^ {2}\/pets:$/m);
    const left = JSON.parse(result.stdout);
    expect(left.map((d: { pointer: string }) => d.pointer)).toEqual(['/paths/~1users~1']);
    expect(left[0].file).toBe(out);
  });
});
