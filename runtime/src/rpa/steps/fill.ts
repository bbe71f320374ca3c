/** `fill: <target>, value: <template>`: types a value into a text field, replacing what was there. */
import type { FillStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepKind } from './step.js';

export const fill: StepKind<FillStep> = {
  key: 'fill',
  fields: ['value'],
  check(def, at, c) {
    c.target(def.fill, pointerTo(at, 'fill'));
    c.template(def.value, pointerTo(at, 'value'), 'value');
  },
  describe: (def) => `fill ${describeTarget(def.fill)}`,
  async run(def, ctx) {
    const locator = ctx.locate(def.fill);
    const value = ctx.renderString(def.value);
    if (ctx.holdsSecret(value)) ctx.maskInScreenshots(locator);
    await locator.fill(value);
    // The value itself is not recorded: it may be (or contain) a secret, and the inputs are recorded anyway.
    return undefined;
  },
};
