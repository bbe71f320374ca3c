/** `select: <target>, value: <option or list>`: picks `<select>` options by value or visible label. */
import type { SelectStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import { checkListValue, renderListValue } from './list-value.js';
import type { StepKind } from './step.js';

export const select: StepKind<SelectStep> = {
  key: 'select',
  fields: ['value'],
  check(def, at, c) {
    c.target(def.select, pointerTo(at, 'select'));
    checkListValue(c, def.value, pointerTo(at, 'value'), 'value');
  },
  describe: (def) => `select ${describeTarget(def.select)}`,
  async run(def, ctx) {
    const chosen = await ctx.locate(def.select).selectOption(renderListValue(ctx, def.value));
    return { selected: chosen };
  },
};
