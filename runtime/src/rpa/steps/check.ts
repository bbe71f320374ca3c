/** `check: <target>` (`checked: false` unchecks): sets a checkbox or radio, doing nothing if already so. */
import type { CheckStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepKind } from './step.js';

export const check: StepKind<CheckStep> = {
  key: 'check',
  fields: ['checked'],
  check(def, at, c) {
    c.target(def.check, pointerTo(at, 'check'));
    if (def.checked !== undefined) c.boolean(def.checked, pointerTo(at, 'checked'), 'checked');
  },
  describe: (def) => `${def.checked === false ? 'uncheck' : 'check'} ${describeTarget(def.check)}`,
  async run(def, ctx) {
    await ctx.locate(def.check).setChecked(def.checked ?? true);
    return undefined;
  },
};
