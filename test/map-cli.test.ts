import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('connectgen map', () => {
  it('maps JSON Lines to stdout, field errors and a summary to stderr, exit 1 when a record failed', async () => {
    const result = await runCli(['map', 'specs/mapping/contacts.yaml', 'specs/mapping/contacts.jsonl']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        name: { full: 'Ada Lovelace' },
        email: 'ada@example.com',
        phone: '+14155552671',
        signedUpAt: '2026-03-08T06:30:00Z',
        plan: 'PRO',
        consent: { newsletter: true },
        tags: ['vip', 'beta'],
        addresses: [{ postalCode: '94105' }],
      },
    ]);
    expect(result.stderr).toContain('record 2: email email from email = "grace@navy"');
    expect(result.stderr).toContain('record 3: pattern addresses[*].postalCode');
    expect(result.stderr).toContain('1 of 3 records mapped, 2 failed');
  });

  it('reads a JSON array from stdin, exit 0 when every record mapped; errors as JSON Lines on request', async () => {
    const records = [{ email: 'A@B.io ', first_name: 'A' }, { email: 'c@d.io' }];
    const ok = await runCli(['map', 'specs/mapping/contacts.yaml', '-', '--quiet'], { input: JSON.stringify(records, null, 2) });
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n').map((l) => JSON.parse(l).email)).toEqual(['a@b.io', 'c@d.io']);
    expect(ok.stderr).toBe('');

    const bad = await runCli(['map', 'specs/mapping/contacts.yaml', '--errors-json'], { input: '{"email":"x"}\nnot json\n' });
    expect(bad.code).toBe(1);
    const [first, second] = bad.stderr.trim().split('\n').slice(0, 2).map((l) => JSON.parse(l));
    expect(first).toMatchObject({ record: 1, errors: [{ rule: 'email', target: 'email', value: 'x' }] });
    expect(second).toMatchObject({ record: 2, errors: [{ rule: 'json' }] });
  });

  it('refuses a broken mapping before reading records: one coded line with the pointer and a hint, exit 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cg-map-'));
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'mappings:\n  - { source: a, target: b, validation: { pattern: "([a-z" } }\n');
    const result = await runCli(['map', file, 'specs/mapping/contacts.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error CG_MAPPING_BAD_PATTERN .*\(at \/mappings\/0\/validation\/pattern\)\n  Try this: /);
  });
});
