import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../store/store.js';
import { decide, type SideNow } from './decide.js';
import { newestWins } from './newest-wins.js';

const entry: LedgerEntry = { recordId: '1', hash: 'a0', destinationHash: 'b0', seenRun: 'r', deleted: false };
const side = (hash: string): SideNow => ({ record: { hash }, hash });

describe('decide', () => {
  it.each<[string, LedgerEntry | undefined, SideNow | undefined, SideNow | undefined, string]>([
    ['new at the source', undefined, side('a'), undefined, 'copy:source'],
    ['new at the destination', undefined, undefined, side('b'), 'copy:destination'],
    ['new on both sides, equal', undefined, side('x'), side('x'), 'in-sync'],
    ['new on both sides, different', undefined, side('a'), side('b'), 'conflict'],
    ['unchanged', entry, side('a0'), side('b0'), 'in-sync'],
    ['changed at the source', entry, side('a1'), side('b0'), 'copy:source'],
    ['changed at the destination', entry, side('a0'), side('b1'), 'copy:destination'],
    ['changed on both sides the same way', entry, side('c'), side('c'), 'in-sync'],
    ['changed on both sides', entry, side('a1'), side('b1'), 'conflict'],
    ['deleted at the source', entry, undefined, side('b0'), 'delete:destination'],
    ['deleted at the destination', entry, side('a0'), undefined, 'delete:source'],
    ['deleted at the source, changed at the destination', entry, undefined, side('b1'), 'conflict'],
    ['deleted on both sides', entry, undefined, undefined, 'gone'],
    ['known as deleted, back at the source', { ...entry, deleted: true }, side('a0'), undefined, 'copy:source'],
    ['new on both sides, equal once mapped', undefined, { ...side('s'), comparable: 'd' }, side('d'), 'in-sync'],
    ['new on both sides, different once mapped', undefined, { ...side('d'), comparable: 's' }, side('d'), 'conflict'],
    // The destination holds fields the source has no place for (its own id): in step in the source's shape.
    ['new on both sides, equal once the destination is mapped back', undefined, { ...side('s'), comparable: 'd' }, { ...side('d+'), comparable: 's' }, 'in-sync'],
    ['changed at the destination only where the source has no field', entry, { ...side('a0'), comparable: 'b0' }, { ...side('b1'), comparable: 'a0' }, 'in-sync'],
    ['changed at the destination, also once mapped back', entry, { ...side('a0'), comparable: 'b0' }, { ...side('b1'), comparable: 'a1' }, 'copy:destination'],
  ])('%s', (_, e, source, destination, expected) => {
    const d = decide(e, source, destination);
    expect(d.kind === 'copy' ? `copy:${d.from}` : d.kind === 'delete' ? `delete:${d.at}` : d.kind).toBe(expected);
  });
});

describe('newest-wins', () => {
  const at = (t: string) => ({ meta: { updated_at: t } });
  it.each<[unknown, unknown, string]>([
    [at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'source'],
    [at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:01+00:00'), 'destination'],
    [at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'source'],
    [undefined, at('2026-01-01T00:00:00Z'), 'destination'],
    [at('2026-01-01T00:00:00Z'), undefined, 'source'],
    [{}, at('2026-01-01T00:00:00Z'), 'destination'],
  ])('%j vs %j -> %s', (source, destination, expected) => {
    expect(newestWins.decide({ source, destination, updatedAtPath: 'meta.updated_at' })).toBe(expected);
  });
});
