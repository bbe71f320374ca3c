/**
 * A private npm registry for tests: Verdaccio 6.8 on 127.0.0.1 with its storage in a temp
 * directory, no uplinks (nothing is fetched from outside), a user and its token, and an npm user
 * config pointing at it. `seed` publishes installed packages straight through the registry API,
 * which is what `npm publish` sends, without an npm process per package.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { InstalledPackage } from './dependency-tarballs.js';
import { tarInstalled } from './dependency-tarballs.js';

export interface Registry {
  readonly url: string;
  readonly token: string;
  /** An npm user config file (registry, token) for `npm_config_userconfig`. */
  readonly npmrc: string;
  seed(packages: readonly InstalledPackage[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<Registry> {
  const root = await mkdtemp(join(tmpdir(), 'cg-verdaccio-'));
  const config = join(root, 'config.yaml');
  await writeFile(
    config,
    [
      `storage: ${JSON.stringify(join(root, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(root, 'htpasswd'))}`,
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      'max_body_size: 200mb',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: json, level: error }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [join(import.meta.dirname, 'verdaccio-child.mjs'), config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
    await rm(root, { recursive: true, force: true });
  };
  try {
    const port = await readPort(child);
    const url = `http://127.0.0.1:${port}/`;
    const token = await addUser(url);
    const npmrc = join(root, 'npmrc');
    await writeFile(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, token, npmrc, seed: (packages) => seed(url, token, packages, root), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`verdaccio exited with ${code}: ${errors}`)));
  });
}

async function addUser(url: string): Promise<string> {
  const response = await fetch(new URL('-/user/org.couchdb.user:tester', url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'tester', password: 'tester-password-1', type: 'user', roles: [] }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`verdaccio refused the test user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function seed(url: string, token: string, packages: readonly InstalledPackage[], root: string): Promise<void> {
  for (const pkg of packages) {
    const file = await tarInstalled(pkg, join(root, 'seed'));
    const data = await readFile(file);
    const attachment = basename(file);
    const version = {
      ...pkg.manifest,
      _id: `${pkg.name}@${pkg.version}`,
      dist: {
        tarball: new URL(`${pkg.name}/-/${attachment}`, url).href,
        shasum: createHash('sha1').update(data).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
      },
    };
    const response = await fetch(new URL(pkg.name.replace('/', '%2f'), url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        _id: pkg.name,
        name: pkg.name,
        'dist-tags': { latest: pkg.version },
        versions: { [pkg.version]: version },
        _attachments: { [attachment]: { content_type: 'application/octet-stream', data: data.toString('base64'), length: data.length } },
      }),
    });
    if (!response.ok && response.status !== 409) throw new Error(`seeding ${pkg.name}@${pkg.version}: ${response.status} ${await response.text()}`);
  }
}
