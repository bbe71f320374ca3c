import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { pidSpace } from './host.js';
import { isHolderAlive, newHolder } from './lease.js';

/** The pid of a real node process that has already exited. */
function exitedPid(): string {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
}

describe('lease holders', () => {
  it('name this process in its pid space, and it is alive', () => {
    const holder = newHolder();
    expect(holder.split(':')).toEqual([pidSpace(), String(process.pid), expect.stringMatching(/^[0-9a-f]{8}$/)]);
    expect(isHolderAlive(holder)).toBe(true);
  });

  it('a process of this pid space that exited is dead at once', () => {
    expect(isHolderAlive(`${pidSpace()}:${exitedPid()}:x`)).toBe(false);
  });

  // Containers with host networking share the host name but not their pids: a pid missing here may
  // be a live worker next door, so only the expiry can free its lease.
  it('a holder that only shares the host name, or is on another host, cannot be judged: alive', () => {
    const pid = exitedPid();
    if (pidSpace() !== hostname()) expect(isHolderAlive(`${hostname()}:${pid}:x`)).toBe(true);
    expect(isHolderAlive(`${pidSpace()}.other:${pid}:x`)).toBe(true);
    expect(isHolderAlive(`elsewhere:${pid}:x`)).toBe(true);
  });
});
