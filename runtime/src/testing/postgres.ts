/**
 * A real PostgreSQL server for tests: a throwaway cluster in a tmp dir (Debian's binaries from
 * /usr/lib/postgresql/<version>/bin), listening on 127.0.0.1 at a free port, its unix socket in the
 * same tmp dir, fsync off (the data is thrown away). `stop()` shuts it down and removes the dir.
 *
 * PostgreSQL refuses to run as root: under uid 0 the cluster belongs to the `postgres` user that
 * the Debian package creates, and initdb/postgres run as that user.
 *
 * Where the binaries are missing the suites are skipped with the reason in their name, like
 * Chromium's (chromium.ts); `.ci/run` installs the package, so CI runs them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: trust auth, no password. */
  readonly url: string;
  /** Creates an empty database and returns its URL, so tests do not see each other's rows. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const ROOT = '/usr/lib/postgresql';

function findBinDir(): string | undefined {
  if (process.env['POSTGRES_BIN']) return process.env['POSTGRES_BIN'];
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(path.join(ROOT, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(ROOT, versions[0], 'bin');
}

export const postgresBinDir = findBinDir();

const reason = `no PostgreSQL server binaries in ${ROOT}/*/bin: install Debian's postgresql package (apt-get install postgresql) or set POSTGRES_BIN`;

/** `describe` when PostgreSQL is installed; otherwise a skipped suite whose name says why. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresBinDir) {
    describe(name, body);
    return;
  }
  process.stderr.write(`PostgreSQL tests skipped (${name}): ${reason}\n`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}

/** Under root, the uid/gid of the `postgres` user the servers run as. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as: install Debian\'s postgresql package, or create the user');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server logs that it accepts connections; rejects with its log when it exits first. */
function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes('database system is ready to accept connections')) {
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`postgres exited (${code}) before it was ready:\n${log}`));
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  if (!postgresBinDir) throw new Error(reason);
  const bin = postgresBinDir;
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const asServer = user ? { uid: user.uid, gid: user.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };
  execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...asServer, env, stdio: 'pipe' });

  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200', 'shared_buffers=32MB'];
  const child = spawn(path.join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], { ...asServer, env, stdio: ['ignore', 'ignore', 'pipe'] });
  // A test process that dies without stop() must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitReady(child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  child.stderr!.resume(); // keep draining the log so the server never blocks on a full pipe

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    async newDatabase() {
      const name = `t${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT'); // fast shutdown: ends open sessions instead of waiting for them
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
