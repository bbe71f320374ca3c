import { describe, expect, it } from 'vitest';
import { isDue } from './due.js';

const at = (iso: string) => Date.parse(iso);

describe('isDue', () => {
  it.each<[string, string, string | undefined, string, string, boolean, number]>([
    // cron, timezone, missed policy, handled until, now, due, missed
    ['*/15 * * * *', '', undefined, '2026-03-01T10:00:00Z', '2026-03-01T10:10:00Z', false, 0],
    ['*/15 * * * *', '', undefined, '2026-03-01T10:00:00Z', '2026-03-01T10:15:00Z', true, 0],
    ['*/15 * * * *', '', undefined, '2026-03-01T10:00:00Z', '2026-03-01T11:20:00Z', true, 4],
    ['*/15 * * * *', '', 'skip', '2026-03-01T10:00:00Z', '2026-03-01T11:20:00Z', false, 5],
    ['*/15 * * * *', '', 'skip', '2026-03-01T10:00:00Z', '2026-03-01T11:15:30Z', true, 4],
    // 09:00 in Berlin is 08:00 UTC in winter
    ['0 9 * * *', 'Europe/Berlin', undefined, '2026-01-10T00:00:00Z', '2026-01-10T07:59:00Z', false, 0],
    ['0 9 * * *', 'Europe/Berlin', undefined, '2026-01-10T00:00:00Z', '2026-01-10T08:00:00Z', true, 0],
  ])('%s %s %s from %s at %s', (cron, timezone, missed, handled, now, due, missedCount) => {
    const result = isDue({ cron, ...(timezone ? { timezone } : {}), ...(missed ? { missed: missed as 'skip' } : {}) }, at(handled), at(now));
    expect({ due: result.due, missed: result.missed }).toEqual({ due, missed: missedCount });
  });

  it('says when it fires next', () => {
    expect(isDue({ cron: '0 * * * *' }, at('2026-03-01T10:00:00Z'), at('2026-03-01T10:30:00Z')).next).toBe(at('2026-03-01T11:00:00Z'));
  });
});
