/**
 * Lease holders name a process: `host:pid:nonce`. A lease normally ends when it expires; a holder on
 * this host whose process no longer exists (killed with SIGKILL mid-run) gives its lease up at once,
 * so the next run resumes without waiting out the expiry.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** The lease that keeps two runs of one sync (for one connection) apart. */
export function syncLeaseName(key: { readonly syncId: string; readonly connectionId: string }): string {
  return `sync:${key.syncId}:${key.connectionId}`;
}

export function newHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function isHolderAlive(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return true; // cannot tell: trust the expiry
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
