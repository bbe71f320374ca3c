/**
 * A throwaway Redis for queue tests: Debian's `redis-server` on 127.0.0.1, on a free port, in a tmp
 * directory, with persistence off (`--save ''`, `--appendonly no`) so nothing outlives the test.
 * Where there is no redis-server, suites are skipped with the reason in their name (and once on
 * stderr), so a skipped run is never mistaken for a passing one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';

export const REDIS_SERVER = process.env['REDIS_SERVER'] || '/usr/bin/redis-server';

function found(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const redisAvailable = found(REDIS_SERVER);

const reason = `no redis-server at ${REDIS_SERVER}: install Debian's redis-server package (apt-get install redis-server) or set REDIS_SERVER`;

/** `describe` when redis-server is present; otherwise a skipped suite whose name says why. */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisAvailable) {
    describe(name, body);
    return;
  }
  process.stderr.write(`Redis tests skipped (${name}): ${reason}\n`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for redis-server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts redis-server; resolves once it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  if (!redisAvailable) throw new Error(reason);
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-redis-'));
  // Another process may take the port between asking and binding: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    // A test process that dies without stop() must not leave a server behind.
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    if (await ready(child, port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => {
          process.off('exit', killOnExit);
          return stop(child, dir);
        },
      };
    }
    process.off('exit', killOnExit);
    await stop(child, undefined);
    if (!/Address already in use/i.test(output)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start: ${output.trim().slice(-500)}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error('redis-server did not start: no free port after 5 tries');
}

async function ready(child: ChildProcess, port: number): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await accepts(port)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function stop(child: ChildProcess, dir: string | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
}
