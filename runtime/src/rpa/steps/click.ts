/** `click: <target>`: clicks once the element is visible, enabled and stable (Playwright's actionability checks). */
import type { ClickStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepKind } from './step.js';

export const click: StepKind<ClickStep> = {
  key: 'click',
  fields: [],
  check(def, at, c) {
    c.target(def.click, pointerTo(at, 'click'));
  },
  describe: (def) => `click ${describeTarget(def.click)}`,
  async run(def, ctx) {
    await ctx.locate(def.click).click();
    return undefined;
  },
};
