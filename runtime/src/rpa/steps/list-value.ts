/**
 * `select` values and `upload` files are one template or a list of them; a template that renders
 * to a list (a list input) spreads into it.
 */
import type { JobChecker } from '../job/checker.js';
import { pointerTo } from '../job/diagnostics.js';
import type { StepContext } from './step.js';

export function checkListValue(c: JobChecker, value: unknown, pointer: string, what: string): void {
  if (!Array.isArray(value)) {
    c.template(value, pointer, what);
    return;
  }
  if (value.length === 0) c.report('CG_RPA_JOB_SHAPE', pointer, `the list of ${what}s is empty`, `give at least one ${what}`);
  value.forEach((v, i) => c.template(v, pointerTo(pointer, i), what));
}

export function renderListValue(ctx: StepContext, value: string | readonly string[]): string[] {
  const templates: readonly string[] = Array.isArray(value) ? value : [value as string];
  return templates.flatMap((template) => {
    const rendered = ctx.render(template);
    return Array.isArray(rendered) ? rendered.map(String) : [String(rendered)];
  });
}
