/** `goto: <url>`: opens a page and waits for it to load (or for `waitUntil`). */
import type { GotoStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import type { StepKind } from './step.js';

const WAIT_UNTIL = ['load', 'domcontentloaded', 'networkidle', 'commit'] as const;

export const goto: StepKind<GotoStep> = {
  key: 'goto',
  fields: ['waitUntil'],
  check(def, at, c) {
    c.template(def.goto, pointerTo(at, 'goto'), 'goto');
    if (def.waitUntil !== undefined) c.oneOf(def.waitUntil, pointerTo(at, 'waitUntil'), 'waitUntil', WAIT_UNTIL);
  },
  describe: (def) => `goto ${def.goto}`,
  async run(def, ctx) {
    const url = ctx.renderString(def.goto);
    const response = await ctx.page.goto(url, { waitUntil: def.waitUntil ?? 'load' });
    if (response && response.status() >= 400) throw new Error(`the page answered HTTP ${response.status()}`);
    return { status: response?.status() };
  },
};
