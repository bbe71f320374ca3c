/** `waitFor: <target> | { url }`: waits for an element to reach `state` (default visible) or for the URL. */
import type { Target, WaitForStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepKind } from './step.js';
import { checkUrlMatch, isUrlMatch, waitForUrl } from './url-match.js';

const STATES = ['visible', 'hidden', 'attached', 'detached'] as const;

export const waitFor: StepKind<WaitForStep> = {
  key: 'waitFor',
  fields: ['state'],
  check(def, at, c) {
    const value: unknown = def.waitFor;
    if (value !== null && typeof value === 'object' && 'url' in value) checkUrlMatch(c, value as Record<string, unknown>, pointerTo(at, 'waitFor'));
    else c.target(value, pointerTo(at, 'waitFor'));
    if (def.state !== undefined) c.oneOf(def.state, pointerTo(at, 'state'), 'state', STATES);
  },
  describe: (def) => (isUrlMatch(def.waitFor) ? `wait for URL ${def.waitFor.url}` : `wait for ${describeTarget(def.waitFor)}`),
  async run(def, ctx) {
    if (isUrlMatch(def.waitFor)) return { url: await waitForUrl(ctx, def.waitFor) };
    await ctx.locate(def.waitFor as Target).first().waitFor({ state: def.state ?? 'visible' });
    return undefined;
  },
};
