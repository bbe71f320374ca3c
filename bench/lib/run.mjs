// Child processes for benchmarks: wall time, CPU time (user + system: what the work cost, which a
// busy machine inflates less than wall time) and peak RSS from GNU time when present, and a hard
// timeout that kills the whole process group.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';

/**
 * @returns {Promise<{ code: number | null, signal: string | null, timedOut: boolean, ms: number, cpuS: number | null, peakRssMb: number | null, stdout: string, stderr: string }>}
 */
export function runMeasured(command, args, { cwd, timeoutMs = 120_000, env } = {}) {
  return new Promise((resolve) => {
    const useTime = existsSync(GNU_TIME);
    const rssFile = path.join(os.tmpdir(), `cg-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const argv = useTime ? ['-f', '%U %S %M', '-o', rssFile, command, ...args] : args;
    const started = performance.now();
    const child = spawn(useTime ? GNU_TIME : command, argv, { cwd, env: { ...process.env, ...env }, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c.length + stdout.length < 20e6 ? c : ''));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += stderr.length < 1e6 ? c : ''));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let peakRssMb = null;
      let cpuS = null;
      if (useTime && existsSync(rssFile)) {
        const [user, system, kb] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        if (Number.isFinite(kb)) peakRssMb = Math.round(kb / 1024);
        if (Number.isFinite(user) && Number.isFinite(system)) cpuS = user + system;
        rmSync(rssFile, { force: true });
      }
      resolve({ code, signal, timedOut, ms: Math.round(performance.now() - started), cpuS, peakRssMb, stdout, stderr });
    });
  });
}

/** Runs `tasks` (functions returning promises) with at most `limit` at once, results in order. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
