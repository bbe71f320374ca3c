import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPILE_OPTIONS, loadPrecompiled, writePrecompiled, type TemplateSources } from './precompiled.js';

const Handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-precompiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sources: TemplateSources = {
  partials: [['doc', '/** {{text}} */']],
  templates: [['a.ts.hbs', '{{> doc text=summary}}\n{{#each names}}export const {{this}} = "<{{../tag}}>";\n{{/each}}']],
};
const view = { summary: 'a & b', names: ['x', 'y'], tag: 'b' };

/** What render.ts does without a precompiled set. */
function compiled(input: object = view): string {
  const hbs = Handlebars.create();
  hbs.registerPartial('doc', sources.partials[0]![1]);
  return hbs.compile(sources.templates[0]![1], { ...COMPILE_OPTIONS })(input);
}

describe('precompiled templates', () => {
  it('render what compiling the same sources renders, with the same options (noEscape, strict)', () => {
    const file = path.join(dir, 'same.cjs');
    writePrecompiled(sources, file);
    const template = loadPrecompiled(sources, file)?.get('a.ts.hbs');
    expect(template?.(view)).toBe(compiled());
    expect(compiled()).toBe('/** a & b */export const x = "<b>";\nexport const y = "<b>";\n');
    // strict: a field the view lacks is an error, as when compiled.
    const lacking = { summary: 's', names: ['x'] };
    expect(() => compiled(lacking)).toThrow(/"tag" not defined/);
    expect(() => template?.(lacking)).toThrow(/"tag" not defined/);
  });

  it('are not used once a template changed after they were made', () => {
    const file = path.join(dir, 'stale.cjs');
    writePrecompiled(sources, file);
    const edited: TemplateSources = { ...sources, templates: [['a.ts.hbs', '{{summary}}!']] };
    expect(loadPrecompiled(edited, file)).toBeUndefined();
  });

  it('are not used when there are none', () => {
    expect(loadPrecompiled(sources, path.join(dir, 'missing.cjs'))).toBeUndefined();
  });
});
