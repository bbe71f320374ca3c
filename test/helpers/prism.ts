/**
 * Prism (@stoplight/prism-cli) as an independent judge of the requests a generated connector
 * sends: a mock server started from the spec on 127.0.0.1 that validates each request against it
 * and reports violations in the `sl-violations` response header.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from './cli.js';

export interface PrismServer {
  readonly url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrism(specFile: string, { timeoutMs = 30_000 } = {}): Promise<PrismServer> {
  const port = await freePort();
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'prism');
  const child: ChildProcess = spawn(bin, ['mock', specFile, '-h', '127.0.0.1', '-p', String(port), '--dynamic=false'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Prism is listening/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Request violations Prism reported on one response (empty when the request matched the spec). */
export function requestViolations(headers: Record<string, string | string[] | undefined>): { location: string[]; message: string }[] {
  const raw = headers['sl-violations'];
  if (!raw) return [];
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  try {
    const parsed = JSON.parse(text) as { location?: string[]; message?: string }[];
    return parsed
      .filter((v) => v.location?.[0] === 'request')
      .map((v) => ({ location: v.location ?? [], message: v.message ?? '' }));
  } catch {
    return [{ location: ['request'], message: text }];
  }
}
