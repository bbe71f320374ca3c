/**
 * The space a pid means something in, for lease holders: the host name and, on Linux, this boot
 * and this pid namespace. Containers can share a host name (host networking) while their pids are
 * separate, so a pid that does not exist here may be a live process next door; judging it dead
 * would hand its lease to a second run. Only a holder in the same space has its pid checked.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

let cached: string | undefined;

/** `name` alone where /proc is missing; `name~boot.namespace` on Linux. Never contains `:`. */
export function pidSpace(): string {
  if (cached !== undefined) return cached;
  let space = hostname().replaceAll(':', '_');
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
    const namespace = /\d+/.exec(readlinkSync('/proc/self/ns/pid'))?.[0] ?? '';
    space += `~${boot}.${namespace}`;
  } catch {
    // Not Linux: the host name is all there is.
  }
  cached = space;
  return space;
}
