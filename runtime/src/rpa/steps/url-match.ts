/** `{ url: "**\/done" }` in `waitFor` and `assert`: a glob, or with `regex: true` a regular expression. */
import type { JobChecker } from '../job/checker.js';
import { pointerTo } from '../job/diagnostics.js';
import type { Target, UrlMatch } from '../job/types.js';
import type { StepContext } from './step.js';

export function isUrlMatch(value: Target | UrlMatch): value is UrlMatch {
  return typeof value === 'object' && value !== null && 'url' in value;
}

export function checkUrlMatch(c: JobChecker, value: Record<string, unknown>, pointer: string): void {
  c.object(value, pointer, new Set(['url', 'regex']), 'a URL match');
  if (!c.template(value['url'], pointerTo(pointer, 'url'), 'url')) return;
  if (value['regex'] === undefined) return;
  if (!c.boolean(value['regex'], pointerTo(pointer, 'regex'), 'regex')) return;
  if (value['regex'] === true) {
    try {
      new RegExp(value['url'] as string);
    } catch (error) {
      c.report('CG_RPA_JOB_SHAPE', pointerTo(pointer, 'url'), `not a regular expression: ${(error as Error).message}`);
    }
  }
}

/** Waits until the page URL matches (Playwright's glob rules), within the step's timeout. */
export async function waitForUrl(ctx: StepContext, match: UrlMatch): Promise<string> {
  const url = ctx.renderString(match.url);
  await ctx.page.waitForURL(match.regex ? new RegExp(url) : url, { waitUntil: 'commit' });
  return ctx.page.url();
}
