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

/**
 * Starts Prism and waits for it to listen. Prism loads slowly (several seconds alone, far more when
 * two suites share two cores), so the wait is generous and, when it runs out, says so plainly. The
 * free port can be taken between our probe and Prism's bind: that exit is retried on a new port.
 */
export async function startPrism(specFile: string, { timeoutMs = 150_000 } = {}): Promise<PrismServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(specFile, port, timeoutMs);
    } catch (error) {
      if (attempt < 3 && /EADDRINUSE/.test(String((error as Error).message))) continue;
      throw error;
    }
  }
}

async function launch(specFile: string, port: number, timeoutMs: number): Promise<PrismServer> {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'prism');
  const child: ChildProcess = spawn(bin, ['mock', specFile, '-h', '127.0.0.1', '-p', String(port), '--dynamic=false'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`Prism did not start within ${timeoutMs} ms (it loads slowly; is the machine overloaded?). Its output so far:\n${log}`));
    }, timeoutMs);
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

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

export interface PrismRejection {
  readonly status: number;
  readonly type: string;
  readonly violations: readonly string[];
}

/**
 * Whether Prism rejected a request as not matching the spec, from the response it sent: a
 * problem+json body whose type is one of Prism's errors (422 UNPROCESSABLE_ENTITY with the
 * validation list, 404 NO_PATH_MATCHED_ERROR, 405 NO_METHOD_MATCHED_ERROR, 401 for missing
 * security), or request violations in the `sl-violations` header of an otherwise served response.
 */
export function prismRejection(status: number, headers: Record<string, string | string[] | undefined>, bodyText: string): PrismRejection | undefined {
  const violations: string[] = [];
  const header = headers['sl-violations'];
  if (header) {
    try {
      for (const v of JSON.parse(Array.isArray(header) ? header.join(',') : header) as { location?: string[]; message?: string }[]) {
        if (v.location?.[0] === 'request') violations.push(`${v.location.join('.')}: ${v.message ?? ''}`);
      }
    } catch {
      violations.push(String(header));
    }
  }
  let type = '';
  if (String(headers['content-type'] ?? '').includes('problem+json')) {
    try {
      const problem = JSON.parse(bodyText) as { type?: string; detail?: string; validation?: { location?: string[]; message?: string }[] };
      const prismType = problem.type?.startsWith(PRISM_ERRORS) ? problem.type.slice(PRISM_ERRORS.length) : undefined;
      // UNKNOWN is Prism failing to build a mock response (e.g. "Cannot find serializer for
      // application/octet-stream"); it validates the request before that, so it is no verdict.
      if (prismType && prismType !== 'UNKNOWN') {
        type = prismType;
        for (const v of problem.validation ?? []) violations.push(`${(v.location ?? []).join('.')}: ${v.message ?? ''}`);
        if (!problem.validation?.length) violations.push(problem.detail ?? type);
      }
    } catch {
      // Not Prism's problem document: the spec's own error response, which is not a rejection.
    }
  }
  return violations.length > 0 ? { status, type: type || 'VIOLATIONS', violations } : undefined;
}
