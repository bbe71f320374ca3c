/**
 * `if: <condition>, then: [...], else: [...]`. A condition is a template (truthy unless empty,
 * false, 0, "false" or an empty list: values from `--input` arrive as text), `{ exists: <target> }`
 * (checked now, without waiting: optional banners and dialogs), or `{ equals: [a, b] }`.
 */
import type { Condition, IfStep, Target } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepContext, StepKind } from './step.js';

export const ifStep: StepKind<IfStep> = {
  key: 'if',
  fields: ['then', 'else'],
  check(def, at, c, loadSteps) {
    const condition: unknown = def.if;
    const where = pointerTo(at, 'if');
    if (typeof condition === 'string') c.template(condition, where, 'the condition');
    else if (condition !== null && typeof condition === 'object' && 'exists' in condition) {
      c.object(condition, where, new Set(['exists']), 'the condition');
      c.target((condition as { exists: unknown }).exists, pointerTo(where, 'exists'));
    } else if (condition !== null && typeof condition === 'object' && 'equals' in condition) {
      c.object(condition, where, new Set(['equals']), 'the condition');
      const pair: unknown = (condition as { equals: unknown }).equals;
      if (!Array.isArray(pair) || pair.length !== 2) c.report('CG_RPA_JOB_SHAPE', pointerTo(where, 'equals'), 'equals takes a list of two values', 'equals: ["{{ inputs.plan }}", pro]');
      else pair.forEach((v, i) => c.template(v, pointerTo(pointerTo(where, 'equals'), i), 'a compared value'));
    } else {
      c.report('CG_RPA_JOB_SHAPE', where, 'the condition must be a template, { exists: <target> } or { equals: [a, b] }');
    }
    return { then: loadSteps(def.then, pointerTo(at, 'then')), else: def.else === undefined ? [] : loadSteps(def.else, pointerTo(at, 'else')) };
  },
  describe: (def) => `if ${describeCondition(def.if)}`,
  async run(def, ctx, step) {
    const holds = await evaluate(def.if, ctx);
    await ctx.runBlock(holds ? step.blocks['then']! : step.blocks['else']!);
    return { branch: holds ? 'then' : 'else' };
  },
};

async function evaluate(condition: Condition, ctx: StepContext): Promise<boolean> {
  if (typeof condition === 'string') return truthy(ctx.render(condition));
  if ('exists' in condition) return (await ctx.locate(condition.exists).count()) > 0;
  return ctx.renderString(condition.equals[0]) === ctx.renderString(condition.equals[1]);
}

export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value !== '' && value.toLowerCase() !== 'false' && value !== '0';
  return Boolean(value);
}

function describeCondition(condition: Condition): string {
  if (typeof condition === 'string') return condition;
  if ('exists' in condition) return `exists ${describeTarget(condition.exists as Target)}`;
  return `${condition.equals[0]} equals ${condition.equals[1]}`;
}
