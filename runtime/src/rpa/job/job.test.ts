import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RpaJobError } from './diagnostics.js';
import { checkJob, defineJob } from './job.js';
import { loadJob, parseJob } from './load.js';

/** The codes and pointers of what is wrong with `yaml` (tests assert codes, not wording). */
function problems(yaml: string): Array<[code: string, pointer: string, line?: number]> {
  try {
    parseJob(yaml, 'job.yaml');
  } catch (error) {
    if (!(error instanceof RpaJobError)) throw error;
    return error.diagnostics.map((d) => (d.line === undefined ? [d.code, d.pointer] : [d.code, d.pointer, d.line]));
  }
  return [];
}

describe('job definitions', () => {
  it('loads a valid job with defaults applied', () => {
    const job = parseJob(`
name: ok
inputs: { url: {}, token: { secret: true, required: false } }
steps:
  - goto: "{{ inputs.url }}"
  - extract: { role: heading, name: Welcome, exact: true }
    as: title
`);
    expect(job).toMatchObject({ name: 'ok', outputs: ['title'], timeoutMs: 10_000 });
    expect(job.steps.map((s) => [s.kind, s.pointer])).toEqual([['goto', '/steps/0'], ['extract', '/steps/1']]);
  });

  it.each([
    ['a step with no known kind', 'steps: [ { klick: "#a" } ]', [['CG_RPA_UNKNOWN_STEP', '/steps/0', 3]]],
    ['a step with two kinds', 'steps: [ { click: "#a", fill: "#b", value: x } ]', [['CG_RPA_UNKNOWN_STEP', '/steps/0', 3]]],
    ['a misspelt field', 'steps: [ { click: "#a", timeout: 5 } ]', [['CG_RPA_JOB_SHAPE', '/steps/0/timeout', 3]]],
    ['a fill without value', 'steps: [ { fill: "#a" } ]', [['CG_RPA_JOB_SHAPE', '/steps/0/value', 3]]],
    ['a target with two locator kinds', 'steps: [ { click: { role: button, label: Save } } ]', [['CG_RPA_TARGET', '/steps/0/click', 3]]],
    ['a name on a label target', 'steps: [ { click: { label: Save, name: x } } ]', [['CG_RPA_TARGET', '/steps/0/click/name', 3]]],
    ['an undeclared input', 'steps: [ { goto: "{{ inputs.nope }}" } ]', [['CG_RPA_UNKNOWN_VARIABLE', '/steps/0/goto', 3]]],
    ['an output read before it is extracted', 'steps: [ { goto: "{{ outputs.later }}" }, { extract: "#a", as: later } ]', [['CG_RPA_UNKNOWN_VARIABLE', '/steps/0/goto', 3]]],
    ['a template that is not a path', 'steps: [ { goto: "{{ inputs.a + 1 }}" } ]', [['CG_RPA_TEMPLATE', '/steps/0/goto', 3]]],
    ['an output no step extracts', 'outputs: [total]\nsteps: [ { goto: "https://x.test" } ]', [['CG_RPA_OUTPUT', '/outputs/0', 3]]],
    ['no steps', 'steps: []', [['CG_RPA_JOB_SHAPE', '/steps', 3]]],
    ['a loop variable used outside its loop', 'steps:\n  - forEach: "{{ inputs.list }}"\n    steps: [ { goto: "{{ item }}" } ]\n  - goto: "{{ item }}"', [['CG_RPA_UNKNOWN_VARIABLE', '/steps/1/goto', 6]]],
    ['a bad URL regex', 'steps: [ { waitFor: { url: "(", regex: true } } ]', [['CG_RPA_JOB_SHAPE', '/steps/0/waitFor/url', 3]]],
    ['a key given twice', 'steps: [ { goto: a, goto: b } ]', [['CG_RPA_JOB_PARSE', '', 3]]],
  ])('reports %s with its code, pointer and line', (_, body, expected) => {
    expect(problems(`name: bad\ninputs: { list: { type: list } }\n${body}\n`)).toEqual(expected);
  });

  it('reports every problem in one pass, each with a hint', () => {
    const result = checkJob({ name: '', steps: [{ click: 5 }, { fill: { css: '#a' }, value: '{{ inputs.x }}' }] });
    expect('diagnostics' in result && result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['CG_RPA_JOB_SHAPE', '/name'],
      ['CG_RPA_TARGET', '/steps/0/click'],
      ['CG_RPA_UNKNOWN_VARIABLE', '/steps/1/value'],
    ]);
    expect('diagnostics' in result && result.diagnostics.every((d) => d.hint)).toBe(true);
  });

  it('checks nested blocks with the loop variable in scope', () => {
    const job = defineJob({
      name: 'nested',
      inputs: { rows: { type: 'list' } },
      steps: [{ forEach: '{{ inputs.rows }}', as: 'row', steps: [{ if: { equals: ['{{ row.kind }}', 'a'] }, then: [{ click: { text: '{{ row.label }}' } }] }] }],
    });
    expect(job.steps[0]?.blocks['steps']?.[0]?.blocks['then']?.[0]?.pointer).toBe('/steps/0/steps/0/then/0');
  });

  it('defineJob throws one error naming the first problem and counting the rest', () => {
    expect(() => defineJob({ name: 'x', steps: [{ click: '' }, { goto: '{{ nope }}' }] })).toThrow(/CG_RPA_TARGET .*\(at \/steps\/0\/click\).*and 1 more/s);
  });

  it('a missing file is CG_RPA_JOB_READ, not a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rpa-job-'));
    await expect(loadJob(path.join(dir, 'none.yaml'))).rejects.toMatchObject({ code: 'CG_RPA_JOB_READ' });
    writeFileSync(path.join(dir, 'job.json'), JSON.stringify({ name: 'json', steps: [{ goto: 'https://x.test' }] }));
    expect((await loadJob(path.join(dir, 'job.json'))).name).toBe('json');
  });
});
