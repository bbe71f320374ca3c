/**
 * Generate a connector with the real CLI, build it with the real TypeScript compiler, and import
 * it: the path a user's code takes. Output goes under the repository's .tmp/ so that the package's
 * `@connectgen/runtime` import resolves to the workspace's runtime.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { repoRoot, runCli } from './cli.js';

const run = promisify(execFile);
const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');

export interface BuiltConnector {
  readonly dir: string;
  readonly manifest: any;
  /** The package's exports (createXxxConnector, types are gone at run time). */
  readonly module: Record<string, unknown>;
  /** The `createXxxConnector` factory. */
  readonly create: (options: Record<string, unknown>) => any;
}

export async function generateAndBuild(spec: string, name: string): Promise<BuiltConnector> {
  const dir = path.join(repoRoot, '.tmp', 'e2e', name);
  await rm(dir, { recursive: true, force: true });
  const generated = await runCli(['generate', spec, '--out', dir, '--quiet']);
  if (generated.code !== 0) throw new Error(`generate ${spec} exited ${generated.code}:\n${generated.stderr}`);
  try {
    await run(tsc, ['-p', dir], { cwd: dir });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed on the connector generated from ${spec}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  const manifest = JSON.parse(await readFile(path.join(dir, 'connector.json'), 'utf8'));
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const module = (await import(pathToFileURL(path.join(dir, pkg.exports['.'].default)).href)) as Record<string, unknown>;
  const factories = Object.entries(module).filter(([key, value]) => /^create\w+Connector$/.test(key) && typeof value === 'function');
  if (factories.length !== 1) throw new Error(`expected one create…Connector export, found ${factories.map(([k]) => k).join(', ') || 'none'}`);
  return { dir, manifest, module, create: factories[0]![1] as BuiltConnector['create'] };
}

/** Credentials that satisfy the manifest's default auth scheme (Prism checks presence, not value). */
export function dummyCredentials(manifest: any): Record<string, unknown> | undefined {
  const scheme = manifest.auth?.find((a: any) => a.default) ?? manifest.auth?.[0];
  return scheme ? credentialsFor(scheme.type) : undefined;
}

/** Connector options with dummy credentials for every scheme: the default in `auth`, the rest in `credentials`. */
export function dummyAuthOptions(manifest: any): Record<string, unknown> {
  const schemes: any[] = manifest.auth ?? [];
  const extra = Object.fromEntries(schemes.filter((s) => !s.default).flatMap((s) => (credentialsFor(s.type) ? [[s.name, credentialsFor(s.type)]] : [])));
  return { auth: dummyCredentials(manifest), ...(Object.keys(extra).length > 0 ? { credentials: extra } : {}) };
}

function credentialsFor(type: string): Record<string, unknown> | undefined {
  switch (type) {
    case 'apiKey':
      return { apiKey: 'test-key' };
    case 'basic':
      return { username: 'user', password: 'pass' };
    case 'bearer':
      return { token: 'test-token' };
    case 'oauth2':
      return { clientId: 'id', clientSecret: 'secret', tokens: { accessToken: 'test-token', expiresAt: Date.now() + 3_600_000 } };
    default:
      return undefined;
  }
}
