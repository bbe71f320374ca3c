/** `screenshot: <label>`: saves a PNG beside the execution record (`fullPage: true` for the whole page). */
import type { ScreenshotStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import type { StepKind } from './step.js';

export const screenshot: StepKind<ScreenshotStep> = {
  key: 'screenshot',
  fields: ['fullPage'],
  check(def, at, c) {
    c.template(def.screenshot, pointerTo(at, 'screenshot'), 'the screenshot label');
    if (def.fullPage !== undefined) c.boolean(def.fullPage, pointerTo(at, 'fullPage'), 'fullPage');
  },
  describe: (def) => `screenshot ${def.screenshot}`,
  async run(def, ctx) {
    return { path: await ctx.screenshot(ctx.renderString(def.screenshot), def.fullPage ?? false) };
  },
};
