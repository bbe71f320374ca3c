/**
 * Lease holders name a process: `space:pid:nonce`, the space being the host name plus, on Linux, the
 * boot and pid namespace (host.ts). A lease normally ends when it expires; a holder in this pid
 * space whose process no longer exists (killed with SIGKILL mid-run) gives its lease up at once, so
 * the next run resumes without waiting out the expiry. A holder elsewhere (another machine or
 * container) keeps it until it expires, however the store is shared.
 */
import { randomUUID } from 'node:crypto';
import { pidSpace } from './host.js';

/** The lease that keeps two runs of one sync (for one connection) apart. */
export function syncLeaseName(key: { readonly syncId: string; readonly connectionId: string }): string {
  return `sync:${key.syncId}:${key.connectionId}`;
}

export function newHolder(): string {
  return `${pidSpace()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function isHolderAlive(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== pidSpace() || !Number.isInteger(pid) || pid <= 0) return true; // cannot tell: trust the expiry
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
