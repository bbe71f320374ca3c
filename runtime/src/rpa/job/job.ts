/**
 * Validates a job definition into an `RpaJob`: one walk that reports every problem with its pointer.
 * `defineJob` is the TypeScript API; `load.ts` reads files and adds line numbers.
 */
import { stepKinds, type LoadedStep } from '../steps/index.js';
import { JobChecker } from './checker.js';
import { pointerTo, RpaJobError, type RpaDiagnostic } from './diagnostics.js';
import type { InputDefinition, JobDefinition, StepDefinition } from './types.js';

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** A job ready to run. `definition` is what the author wrote. */
export interface RpaJob {
  readonly name: string;
  readonly description: string | undefined;
  readonly inputs: Readonly<Record<string, InputDefinition>>;
  /** Names of the variables a run returns. */
  readonly outputs: readonly string[];
  /** Default timeout of each step attempt. */
  readonly timeoutMs: number;
  readonly steps: readonly LoadedStep[];
  readonly definition: JobDefinition;
}

const JOB_FIELDS = new Set(['name', 'description', 'inputs', 'outputs', 'timeoutMs', 'steps']);
const INPUT_FIELDS = new Set(['type', 'required', 'secret', 'default', 'description']);
const INPUT_TYPES = ['string', 'number', 'boolean', 'list', 'object'] as const;
const COMMON_STEP_FIELDS = ['name', 'timeoutMs', 'retries'];

/** Validates `definition`; throws `RpaJobError` listing every problem. */
export function defineJob(definition: JobDefinition): RpaJob {
  const result = checkJob(definition);
  if ('diagnostics' in result) throw new RpaJobError(result.diagnostics);
  return result.job;
}

/** Validates untrusted data (parsed YAML or JSON) as a job definition. */
export function checkJob(value: unknown): { job: RpaJob } | { diagnostics: RpaDiagnostic[] } {
  const c = new JobChecker();
  if (!c.object(value, '', JOB_FIELDS, 'the job')) return { diagnostics: c.diagnostics };
  if (typeof value['name'] !== 'string' || value['name'].trim() === '') {
    c.report('CG_RPA_JOB_SHAPE', '/name', 'the job needs a name', 'name: submit-permit-form');
  }
  if (value['description'] !== undefined && typeof value['description'] !== 'string') c.report('CG_RPA_JOB_SHAPE', '/description', 'description must be text');
  const inputs = checkInputs(c, value['inputs']);
  if (value['timeoutMs'] !== undefined) c.number(value['timeoutMs'], '/timeoutMs', 'timeoutMs', 1);
  const steps = loadSteps(c, value['steps'], '/steps');
  const outputs = checkOutputs(c, value['outputs']);
  if (c.diagnostics.length > 0) return { diagnostics: c.diagnostics };
  const definition = value as unknown as JobDefinition;
  return {
    job: {
      name: definition.name,
      description: definition.description,
      inputs,
      outputs,
      timeoutMs: definition.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
      steps,
      definition,
    },
  };
}

function checkInputs(c: JobChecker, value: unknown): Record<string, InputDefinition> {
  if (value === undefined) return {};
  if (!c.object(value, '/inputs', new Set(Object.keys(value ?? {})), 'inputs')) return {};
  for (const [name, input] of Object.entries(value)) {
    const at = pointerTo('/inputs', name);
    c.identifier(name, at, 'an input name');
    c.inputs.add(name);
    if (input === null) continue; // `name:` alone is a required string input.
    if (!c.object(input, at, INPUT_FIELDS, `input "${name}"`)) continue;
    if (input['type'] !== undefined) c.oneOf(input['type'], pointerTo(at, 'type'), 'type', INPUT_TYPES);
    for (const flag of ['required', 'secret'] as const) {
      if (input[flag] !== undefined) c.boolean(input[flag], pointerTo(at, flag), flag);
    }
    if (input['required'] === true && input['default'] !== undefined) {
      c.report('CG_RPA_JOB_SHAPE', pointerTo(at, 'default'), `input "${name}" is required and has a default`, 'drop one: a default makes the input optional');
    }
  }
  return Object.fromEntries(Object.entries(value).map(([name, input]) => [name, (input ?? {}) as InputDefinition]));
}

function checkOutputs(c: JobChecker, value: unknown): string[] {
  if (value === undefined) return [...c.outputs];
  let names: string[];
  if (Array.isArray(value)) names = value.map(String);
  else if (value !== null && typeof value === 'object') names = Object.keys(value);
  else {
    c.report('CG_RPA_JOB_SHAPE', '/outputs', 'outputs must be a list of names or a map of name to { description }');
    return [];
  }
  names.forEach((name, i) => {
    if (!c.outputs.has(name)) {
      c.report('CG_RPA_OUTPUT', pointerTo('/outputs', Array.isArray(value) ? i : name), `no step extracts output "${name}"`, `add a step: extract: <target>, as: ${name}`);
    }
  });
  return names;
}

/** Loads a list of steps; used for the job's steps and for the blocks of `if` and `forEach`. */
function loadSteps(c: JobChecker, value: unknown, pointer: string): LoadedStep[] {
  if (!Array.isArray(value) || value.length === 0) {
    c.report('CG_RPA_JOB_SHAPE', pointer, 'steps must be a non-empty list', 'steps:\n  - goto: https://example.org/form');
    return [];
  }
  const steps: LoadedStep[] = [];
  value.forEach((raw: unknown, i) => {
    const step = loadStep(c, raw, pointerTo(pointer, i));
    if (step) steps.push(step);
  });
  return steps;
}

function loadStep(c: JobChecker, raw: unknown, at: string): LoadedStep | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    c.report('CG_RPA_JOB_SHAPE', at, 'a step must be an object such as { click: { role: button, name: Save } }');
    return undefined;
  }
  const keys = Object.keys(raw).filter((key) => stepKinds.has(key));
  if (keys.length !== 1) {
    const found = keys.length ? `it has ${keys.join(' and ')}` : `it has ${Object.keys(raw).join(', ') || 'no fields'}`;
    c.report('CG_RPA_UNKNOWN_STEP', at, `a step needs exactly one of ${[...stepKinds.keys()].join(', ')}; ${found}`, 'split it into one step per action');
    return undefined;
  }
  const kind = stepKinds.get(keys[0]!)!;
  const def = raw as Record<string, unknown>;
  c.object(def, at, new Set([kind.key, ...kind.fields, ...COMMON_STEP_FIELDS]), `a ${kind.key} step`);
  if (def['name'] !== undefined && typeof def['name'] !== 'string') c.report('CG_RPA_JOB_SHAPE', pointerTo(at, 'name'), 'name must be text');
  if (def['timeoutMs'] !== undefined) c.number(def['timeoutMs'], pointerTo(at, 'timeoutMs'), 'timeoutMs', 1);
  if (def['retries'] !== undefined) c.number(def['retries'], pointerTo(at, 'retries'), 'retries');
  const blocks = kind.check(def as unknown as StepDefinition, at, c, (value, pointer) => loadSteps(c, value, pointer)) ?? {};
  return { kind: kind.key, def: def as unknown as StepDefinition, pointer: at, blocks };
}
