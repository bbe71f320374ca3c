/**
 * Sync queue workers as real child processes (queue-worker.mjs), for the scale-out tests: started,
 * SIGKILLed and replaced by the test, stopped with SIGTERM at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CHILD = path.resolve(import.meta.dirname, 'queue-worker.mjs');

export interface WorkerChild {
  readonly pid: number;
  readonly process: ChildProcess;
  /** What the worker wrote to stderr (its job events, its errors). */
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  kill(): void;
  /** SIGTERM: the worker finishes its job and exits. */
  stop(): Promise<void>;
}

/** Starts a worker; resolves once it waits for jobs. */
export function startWorkerChild(config: object): Promise<WorkerChild> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: WorkerChild = {
    pid: child.pid!,
    process: child,
    stderr: () => stderr,
    exited,
    kill: () => void child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('ready\n')) resolve(handle);
    });
    void exited.then(() => reject(new Error(`worker exited before it was ready: ${stderr.slice(-1000)}`)));
  });
}
