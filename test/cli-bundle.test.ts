/**
 * The bundled CLI (dist/bundle/, generator/src/cli/bundle.ts) is what users run; the modules tsc
 * wrote run whenever the bundle is stale. Both must say the same: help, version, a mistyped command,
 * a usage error, a failing command's exit code.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const CASES: readonly (readonly string[])[] = [
  ['--help'],
  ['--version'],
  ['generate', '--help'],
  ['sync', '--help'],
  ['sync', 'run', '--help'],
  ['help', 'webhooks', 'serve'],
  ['generat', 'specs/petstore/openapi.yaml'],
  ['sync', 'rnu'],
  ['generate'],
  ['lint', 'specs/does-not-exist.yaml'],
];

describe('bundled and unbundled CLI', () => {
  it.each(CASES.map((args) => [args.join(' '), args] as const))('say the same for `connectgen %s`', async (_, args) => {
    const [bundled, unbundled] = await Promise.all([runCli(args), runCli(args, { env: { CONNECTGEN_BUNDLE: '0' } })]);
    expect(bundled).toEqual(unbundled);
    expect(bundled.stdout + bundled.stderr).not.toBe('');
  });

  it('runs a command whose module the bundle loads on demand, with its flags', async () => {
    const result = await runCli(['lint', 'specs/petstore/openapi.yaml', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toBeInstanceOf(Object);
  });
});
