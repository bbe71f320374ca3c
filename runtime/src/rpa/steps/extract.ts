/**
 * `extract: <target>, as: <name>`: reads the page into an output variable. Text by default (a form
 * field's value, else what the user sees), `attribute: href` for an attribute, `table: true` for a
 * `<table>` as records. `all: true` reads every match into a list.
 */
import type { Locator } from 'playwright-core';
import type { ExtractStep } from '../job/types.js';
import { pointerTo } from '../job/diagnostics.js';
import { describeTarget } from '../target.js';
import type { StepKind } from './step.js';
import { readTable } from './table.js';

export const extract: StepKind<ExtractStep> = {
  key: 'extract',
  fields: ['as', 'attribute', 'table', 'all', 'append'],
  check(def, at, c) {
    c.target(def.extract, pointerTo(at, 'extract'));
    if (def.attribute !== undefined) c.template(def.attribute, pointerTo(at, 'attribute'), 'attribute');
    for (const flag of ['table', 'all', 'append'] as const) {
      if (def[flag] !== undefined) c.boolean(def[flag], pointerTo(at, flag), flag);
    }
    if (def.table && def.attribute !== undefined) {
      c.report('CG_RPA_JOB_SHAPE', pointerTo(at, 'attribute'), 'a table extract reads cells, not an attribute', 'drop attribute, or table: true');
    }
    // Checked last: the step's own templates may read the previous value of the same output.
    if (c.identifier(def.as, pointerTo(at, 'as'), 'as')) c.outputs.add(def.as);
  },
  describe: (def) => `extract ${def.table ? 'table ' : def.attribute ? `${def.attribute} of ` : ''}${describeTarget(def.extract)} as ${def.as}`,
  async run(def, ctx) {
    const locator = ctx.locate(def.extract);
    const attribute = def.attribute === undefined ? undefined : ctx.renderString(def.attribute);
    const read = (one: Locator): Promise<unknown> =>
      def.table ? readTable(one) : attribute !== undefined ? readAttribute(one, attribute) : readText(one);
    let value: unknown;
    if (def.all) {
      // Wait for the first match, as single reads do, so `all` does not race the page into [].
      await locator.first().waitFor({ state: 'attached' });
      value = await Promise.all((await locator.all()).map(read));
    } else {
      value = await read(locator.first());
    }
    ctx.setOutput(def.as, value, def.append ?? false);
    return value;
  },
};

/** A form control's current value, otherwise the rendered text, trimmed. */
async function readText(locator: Locator): Promise<string> {
  const text = await locator.evaluate((el: { value?: unknown; innerText?: string; textContent: string | null; tagName: string }) =>
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ? String(el.value ?? '') : (el.innerText ?? el.textContent ?? ''),
  );
  return text.trim();
}

async function readAttribute(locator: Locator, name: string): Promise<string | null> {
  return locator.getAttribute(name);
}
