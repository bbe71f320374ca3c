import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobPath, resolveJobPath } from './sync-root.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-sync-root-'));
const root = path.join(dir, 'root');
mkdirSync(path.join(root, 'syncs'), { recursive: true });
writeFileSync(path.join(root, 'syncs', 'pets.sync.yaml'), 'id: pets\n');
writeFileSync(path.join(dir, 'outside.yaml'), 'id: outside\n');
symlinkSync(path.join(dir, 'outside.yaml'), path.join(root, 'syncs', 'link.yaml'));

const code = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
};

describe('queue job paths', () => {
  it('name a file relative to the root, with / separators', () => {
    expect(jobPath(root, path.join(root, 'syncs', 'pets.sync.yaml'))).toBe('syncs/pets.sync.yaml');
    expect(resolveJobPath(root, 'syncs/pets.sync.yaml')).toBe(path.join(root, 'syncs', 'pets.sync.yaml'));
  });

  it('refuse to queue a file outside the root', () => {
    expect(code(() => jobPath(root, path.join(dir, 'outside.yaml')))).toBe('CG_QUEUE_OUTSIDE_ROOT');
    expect(code(() => jobPath(root, root))).toBe('CG_QUEUE_OUTSIDE_ROOT');
  });

  it.each(['../outside.yaml', 'syncs/../../outside.yaml', path.join(dir, 'outside.yaml'), 'syncs/link.yaml', '/etc/passwd', '', 'syncs/pets.sync.yaml\0'])(
    'refuse a job naming %j: it leads out of the root',
    (name) => expect(code(() => resolveJobPath(root, name))).toBe('CG_QUEUE_PATH_ESCAPES'),
  );

  it('accept an absolute path inside the root (a job queued before paths were relative)', () => {
    expect(resolveJobPath(root, path.join(root, 'syncs', 'pets.sync.yaml'))).toBe(path.join(root, 'syncs', 'pets.sync.yaml'));
  });
});
