/**
 * A virtual X display for the one test that runs Chromium headed. Xvfb picks a free display number
 * itself (`-displayfd`), so parallel test runs never collide; it listens on its unix socket only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const XVFB_PATH = '/usr/bin/Xvfb';

export function hasXvfb(): boolean {
  try {
    accessSync(XVFB_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface VirtualDisplay {
  /** The value for DISPLAY, e.g. `:99`. */
  readonly display: string;
  stop(): Promise<void>;
}

export async function startXvfb(): Promise<VirtualDisplay> {
  const child = spawn(XVFB_PATH, ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const display = await new Promise<string>((resolve, reject) => {
    let written = '';
    const fd = child.stdio[3] as NodeJS.ReadableStream;
    fd.setEncoding('utf8');
    fd.on('data', (chunk: string) => {
      written += chunk;
      if (written.includes('\n')) resolve(`:${written.trim()}`);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr.trim()}`)));
  });
  return { display, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
