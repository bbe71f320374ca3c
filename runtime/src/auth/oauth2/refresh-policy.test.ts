import { describe, expect, it } from 'vitest';
import { tokenFreshness, type FreshnessInput, type TokenFreshness } from './refresh-policy.js';

const T0 = 1_700_000_000_000;
const s = (seconds: number): number => seconds * 1000;

// [case, input, expected]
const table: Array<[string, Partial<FreshnessInput>, TokenFreshness]> = [
  ['no token', { accessToken: undefined }, 'missing'],
  ['empty token', { accessToken: '' }, 'missing'],
  ['no expiry, automatic', { expiresAt: undefined, now: T0 + s(10_000) }, 'fresh'],
  ['well before the default 60 s buffer', { expiresAt: T0 + s(3600), now: T0 + s(3600 - 61) }, 'fresh'],
  ['inside the default 60 s buffer', { expiresAt: T0 + s(3600), now: T0 + s(3600 - 60) }, 'refresh-soon'],
  ['custom buffer 300 s', { expiresAt: T0 + s(3600), now: T0 + s(3600 - 299), strategy: { strategy: 'automatic', bufferSeconds: 300 } }, 'refresh-soon'],
  ['custom buffer 300 s, before it', { expiresAt: T0 + s(3600), now: T0 + s(3600 - 301), strategy: { strategy: 'automatic', bufferSeconds: 300 } }, 'fresh'],
  ['at expiry', { expiresAt: T0 + s(3600), now: T0 + s(3600) }, 'expired'],
  ['past expiry', { expiresAt: T0 + s(10), now: T0 + s(11) }, 'expired'],
  ['buffer capped at half a short lifetime (30 s token, 60 s buffer)', { expiresAt: T0 + s(30), now: T0 + s(14) }, 'fresh'],
  ['...and due after half of it', { expiresAt: T0 + s(30), now: T0 + s(15) }, 'refresh-soon'],
  ['buffer 0', { expiresAt: T0 + s(100), now: T0 + s(99), strategy: { strategy: 'automatic', bufferSeconds: 0 } }, 'fresh'],
  ['interval not yet due', { strategy: { strategy: 'interval', intervalSeconds: 600 }, now: T0 + s(599) }, 'fresh'],
  ['interval due', { strategy: { strategy: 'interval', intervalSeconds: 600 }, now: T0 + s(600) }, 'refresh-soon'],
  ['interval ignores the buffer', { strategy: { strategy: 'interval', intervalSeconds: 600 }, expiresAt: T0 + s(3600), now: T0 + s(3590) }, 'refresh-soon'],
  ['interval, token expired before the interval', { strategy: { strategy: 'interval', intervalSeconds: 600 }, expiresAt: T0 + s(300), now: T0 + s(300) }, 'expired'],
  ['interval 0 never refreshes on its own', { strategy: { strategy: 'interval', intervalSeconds: 0 }, now: T0 + s(1e6) }, 'fresh'],
];

describe('tokenFreshness', () => {
  it.each(table)('%s', (_name, input, expected) => {
    expect(tokenFreshness({ accessToken: 'at', expiresAt: undefined, obtainedAt: T0, now: T0, strategy: undefined, ...input })).toBe(expected);
  });
});
