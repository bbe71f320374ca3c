/**
 * `assert: <target> | { url }`: fails the run unless, within the step's timeout, the target is
 * visible (with `contains` / `equals` text, or exactly `count` matches) or the URL matches. Waiting
 * rather than checking once is what makes assertions hold on pages that render late.
 */
import type { Locator } from 'playwright-core';
import type { AssertStep, Target } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepContext, StepKind } from './step.js';
import { checkUrlMatch, isUrlMatch, waitForUrl } from './url-match.js';

/** An assertion that did not hold (as opposed to a page that broke); recorded as `CG_RPA_ASSERT`. */
export class RpaAssertionError extends Error {}

export const assert: StepKind<AssertStep> = {
  key: 'assert',
  fields: ['contains', 'equals', 'count'],
  check(def, at, c) {
    const value: unknown = def.assert;
    const isUrl = value !== null && typeof value === 'object' && 'url' in value;
    if (isUrl) checkUrlMatch(c, value as Record<string, unknown>, pointerTo(at, 'assert'));
    else c.target(value, pointerTo(at, 'assert'));
    for (const field of ['contains', 'equals'] as const) {
      if (def[field] !== undefined) c.template(def[field], pointerTo(at, field), field);
    }
    if (def.count !== undefined) c.number(def.count, pointerTo(at, 'count'), 'count');
    if (isUrl && (def.contains ?? def.equals ?? def.count) !== undefined) {
      c.report('CG_RPA_JOB_SHAPE', at, 'contains, equals and count apply to an element, not a URL', 'assert the URL with { url: "glob" } alone');
    }
  },
  describe: (def) => (isUrlMatch(def.assert) ? `assert URL ${def.assert.url}` : `assert ${describeTarget(def.assert)}`),
  async run(def, ctx) {
    if (isUrlMatch(def.assert)) return { url: await orFail(waitForUrl(ctx, def.assert), () => `the URL is ${ctx.page.url()}`) };
    const target = def.assert as Target;
    const locator = ctx.locate(target);
    if (def.count !== undefined) return { count: await assertCount(locator, def.count, target) };
    const expected = def.equals ?? def.contains;
    if (expected === undefined) {
      await orFail(locator.first().waitFor({ state: 'visible' }), () => `${describeTarget(target)} is not visible`);
      return undefined;
    }
    const text = ctx.renderString(expected);
    const wanted = def.equals === undefined ? text : new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
    const settled = locator.filter({ hasText: wanted }).first().waitFor({ state: 'visible' });
    await orFail(settled, async () => `${describeTarget(target)} ${def.equals === undefined ? 'contains' : 'is'} "${await currentText(locator, ctx)}", not "${text}"`);
    return undefined;
  },
};

async function assertCount(locator: Locator, count: number, target: Target): Promise<number> {
  if (count > 0) await orFail(locator.nth(count - 1).waitFor({ state: 'attached' }), () => `fewer than ${count} of ${describeTarget(target)}`);
  const found = await locator.count();
  if (found !== count) throw new RpaAssertionError(`expected ${count} of ${describeTarget(target)}, found ${found}`);
  return found;
}

/** Replaces Playwright's timeout text with what the user asserted, keeping the original as cause. */
async function orFail<T>(waiting: Promise<T>, message: () => string | Promise<string>): Promise<T> {
  try {
    return await waiting;
  } catch (error) {
    throw new RpaAssertionError(`assertion failed: ${await message()}`, { cause: error });
  }
}

/** The target's text for a failure message, read without waiting again. */
async function currentText(locator: Locator, ctx: StepContext): Promise<string> {
  const text = await locator.first().innerText({ timeout: Math.min(1000, ctx.timeoutMs) }).catch(() => '(no such element)');
  return text.trim().slice(0, 200);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
