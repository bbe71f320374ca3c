/** `press: <target>, key: Enter`: focuses the target and presses a key or chord (`Control+A`). */
import type { PressStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepKind } from './step.js';

export const press: StepKind<PressStep> = {
  key: 'press',
  fields: ['key'],
  check(def, at, c) {
    c.target(def.press, pointerTo(at, 'press'));
    c.template(def.key, pointerTo(at, 'key'), 'key');
  },
  describe: (def) => `press ${def.key} in ${describeTarget(def.press)}`,
  async run(def, ctx) {
    await ctx.locate(def.press).press(ctx.renderString(def.key));
    return undefined;
  },
};
