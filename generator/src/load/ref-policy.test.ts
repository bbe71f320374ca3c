import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRefPolicy, refRefusal } from './ref-policy.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cg-policy-'));
  await mkdir(path.join(dir, 'api', 'schemas'), { recursive: true });
});

describe('refRefusal (no network)', () => {
  const local = () => createRefPolicy(path.join(dir, 'api', 'openapi.yaml'));
  const remote = () => createRefPolicy('https://api.example.test/spec/openapi.yaml');
  it.each([
    ['a file in the tree', () => path.join(dir, 'api', 'schemas', 'pet.yaml'), local, undefined],
    ['a missing file in the tree', () => path.join(dir, 'api', 'nope', 'x.yaml'), local, undefined],
    ['a file beside the tree', () => path.join(dir, 'apix', 'pet.yaml'), local, 'CG_REF_OUTSIDE_TREE'],
    ['the parent directory', () => path.join(dir, 'pet.yaml'), local, 'CG_REF_OUTSIDE_TREE'],
    ['a file: URL outside', () => 'file:///etc/passwd', local, 'CG_REF_OUTSIDE_TREE'],
    ['another scheme', () => 'ftp://example.test/x.yaml', local, 'CG_REF_SCHEME'],
    ['a URL from a local spec', () => 'https://example.test/x.yaml', local, 'CG_REF_REMOTE'],
    ['the same origin as a URL spec', () => 'https://api.example.test/common.yaml', remote, undefined],
    ['another origin than a URL spec', () => 'https://other.example.test/common.yaml', remote, 'CG_REF_REMOTE'],
    ['a local file from a URL spec', () => '/etc/passwd', remote, 'CG_REF_OUTSIDE_TREE'],
  ])('%s', (_name, target, policy, code) => {
    expect(refRefusal(policy(), target())?.code).toBe(code);
  });

  it('refuses private IP literals even where remote refs are allowed', () => {
    const policy = createRefPolicy(path.join(dir, 'api', 'openapi.yaml'), { allowRemoteRefs: true });
    expect(refRefusal(policy, 'http://169.254.169.254/latest/meta-data/')?.code).toBe('CG_REF_PRIVATE_ADDRESS');
    expect(refRefusal(policy, 'http://[::1]:8080/x.yaml')?.code).toBe('CG_REF_PRIVATE_ADDRESS');
    expect(refRefusal(policy, 'https://93.184.215.14/x.yaml')).toBeUndefined();
    expect(refRefusal(createRefPolicy(path.join(dir, 'api', 'o.yaml'), { allowRemoteRefs: true, allowPrivateRefs: true }), 'http://127.0.0.1/x')).toBeUndefined();
  });
});
