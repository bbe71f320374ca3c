/**
 * `forEach: "{{ inputs.people }}", as: person, steps: [...]`: the nested steps once per list element,
 * with `{{ person }}` (or `{{ person.name }}`) in their templates.
 */
import type { ForEachStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import type { StepKind } from './step.js';

export const forEach: StepKind<ForEachStep> = {
  key: 'forEach',
  fields: ['as', 'steps'],
  check(def, at, c, loadSteps) {
    c.template(def.forEach, pointerTo(at, 'forEach'), 'the list to loop over');
    const name = def.as ?? 'item';
    if (def.as !== undefined) c.identifier(def.as, pointerTo(at, 'as'), 'as');
    if (name === 'inputs' || name === 'outputs') c.report('CG_RPA_JOB_SHAPE', pointerTo(at, 'as'), `"${name}" would hide the job's ${name}`, 'pick another name, e.g. item');
    return { steps: c.withLoopVariable(name, () => loadSteps(def.steps, pointerTo(at, 'steps'))) };
  },
  describe: (def) => `for each ${def.as ?? 'item'} in ${def.forEach}`,
  async run(def, ctx, step) {
    const list = ctx.render(def.forEach);
    if (!Array.isArray(list)) throw new Error(`${def.forEach} is not a list (it is ${typeof list})`);
    const name = def.as ?? 'item';
    for (const [i, element] of list.entries()) await ctx.runBlock(step.blocks['steps']!, { [name]: element }, i);
    return { iterations: list.length };
  },
};
