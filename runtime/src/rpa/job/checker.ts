/**
 * One walk over a job definition that collects every problem with its pointer. Step kinds call the
 * small typed checks here for their own fields; the checker also keeps the variables in scope
 * (inputs, outputs extracted so far, loop variables) so a template naming something that will not
 * exist is caught at load time, not halfway through a browser session.
 */
import { pointerTo, type RpaDiagnostic } from './diagnostics.js';
import { parseTemplate, TemplateSyntaxError } from '../template.js';

const TARGET_KINDS = ['css', 'role', 'label', 'text', 'testId', 'placeholder'] as const;
const TARGET_OPTIONS = new Set(['name', 'exact', 'nth']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export class JobChecker {
  readonly diagnostics: RpaDiagnostic[] = [];
  readonly inputs = new Set<string>();
  /** Outputs set by an `extract` earlier in document order. */
  readonly outputs = new Set<string>();
  readonly #loopVariables: string[] = [];

  report(code: string, pointer: string, message: string, hint?: string): void {
    this.diagnostics.push(hint === undefined ? { code, pointer, message } : { code, pointer, message, hint });
  }

  /** An object with only `allowed` keys (unknown keys are typos more often than not). */
  object(value: unknown, pointer: string, allowed: ReadonlySet<string>, what: string): value is Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.report('CG_RPA_JOB_SHAPE', pointer, `${what} must be an object`);
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.has(key)) {
        this.report('CG_RPA_JOB_SHAPE', pointerTo(pointer, key), `unknown field "${key}" in ${what}`, `use one of: ${[...allowed].join(', ')}`);
      }
    }
    return true;
  }

  /** A string that is a template; checks its syntax and that every variable it names exists. */
  template(value: unknown, pointer: string, what: string): boolean {
    if (typeof value !== 'string') {
      this.report('CG_RPA_JOB_SHAPE', pointer, `${what} must be a string`);
      return false;
    }
    let parts;
    try {
      parts = parseTemplate(value);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      this.report('CG_RPA_TEMPLATE', pointer, error.message, 'write variables as {{ inputs.name }} or {{ outputs.name }}');
      return false;
    }
    for (const part of parts) if ('path' in part) this.#variable(part.path, pointer);
    return true;
  }

  #variable(path: readonly string[], pointer: string): void {
    const [root, name] = path;
    if (root !== undefined && this.#loopVariables.includes(root)) return;
    if (root === 'inputs' && name !== undefined) {
      if (!this.inputs.has(name)) {
        this.report('CG_RPA_UNKNOWN_VARIABLE', pointer, `{{ ${path.join('.')} }}: the job has no input "${name}"`, `declare it under inputs:, or use one of: ${list(this.inputs)}`);
      }
      return;
    }
    if (root === 'outputs' && name !== undefined) {
      if (!this.outputs.has(name)) {
        this.report('CG_RPA_UNKNOWN_VARIABLE', pointer, `{{ ${path.join('.')} }}: no earlier step extracts "${name}"`, `extract it first (extract: ..., as: ${name}); set so far: ${list(this.outputs)}`);
      }
      return;
    }
    const loops = this.#loopVariables.length ? `, or a forEach variable (${this.#loopVariables.join(', ')})` : '';
    this.report('CG_RPA_UNKNOWN_VARIABLE', pointer, `{{ ${path.join('.')} }} names no variable`, `start it with inputs. or outputs.${loops}`);
  }

  /** A name usable as an output or loop variable (it appears in templates as a path segment). */
  identifier(value: unknown, pointer: string, what: string): value is string {
    if (typeof value === 'string' && IDENTIFIER.test(value)) return true;
    this.report('CG_RPA_JOB_SHAPE', pointer, `${what} must be a name of letters, digits and _`, 'for example: confirmation, orderRows');
    return false;
  }

  number(value: unknown, pointer: string, what: string, min = 0): value is number {
    if (typeof value === 'number' && Number.isFinite(value) && value >= min) return true;
    this.report('CG_RPA_JOB_SHAPE', pointer, `${what} must be a number of at least ${min}`);
    return false;
  }

  boolean(value: unknown, pointer: string, what: string): value is boolean {
    if (typeof value === 'boolean') return true;
    this.report('CG_RPA_JOB_SHAPE', pointer, `${what} must be true or false`);
    return false;
  }

  oneOf<T extends string>(value: unknown, pointer: string, what: string, options: readonly T[]): value is T {
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return true;
    this.report('CG_RPA_JOB_SHAPE', pointer, `${what} must be one of: ${options.join(', ')}`);
    return false;
  }

  /** A CSS selector string, or an object with exactly one locator kind plus its options. */
  target(value: unknown, pointer: string): void {
    if (typeof value === 'string') {
      if (value.trim() === '') this.report('CG_RPA_TARGET', pointer, 'the CSS selector is empty');
      else this.template(value, pointer, 'a CSS selector');
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.report('CG_RPA_TARGET', pointer, 'a target must be a CSS selector or an object such as { role: button, name: Save }', TARGET_HINT);
      return;
    }
    const record = value as Record<string, unknown>;
    const kinds = TARGET_KINDS.filter((k) => k in record);
    if (kinds.length !== 1) {
      const found = kinds.length ? `it has ${kinds.join(' and ')}` : 'it has none';
      this.report('CG_RPA_TARGET', pointer, `a target needs exactly one of ${TARGET_KINDS.join(', ')}; ${found}`, TARGET_HINT);
      return;
    }
    const kind = kinds[0]!;
    for (const key of Object.keys(record)) {
      if (key === kind) continue;
      const ok = TARGET_OPTIONS.has(key) && (key !== 'name' || kind === 'role') && (key !== 'exact' || kind !== 'css' && kind !== 'testId');
      if (!ok) this.report('CG_RPA_TARGET', pointerTo(pointer, key), `"${key}" does not apply to a ${kind} target`, TARGET_HINT);
    }
    this.template(record[kind], pointerTo(pointer, kind), `the target's ${kind}`);
    if ('name' in record) this.template(record['name'], pointerTo(pointer, 'name'), "the role's name");
    if ('exact' in record) this.boolean(record['exact'], pointerTo(pointer, 'exact'), 'exact');
    if ('nth' in record && !(typeof record['nth'] === 'number' && Number.isInteger(record['nth']) && record['nth'] >= -1)) {
      this.report('CG_RPA_TARGET', pointerTo(pointer, 'nth'), 'nth must be an index from 0, or -1 for the last match');
    }
  }

  /** Checks `body` with `name` in scope as a loop variable. */
  withLoopVariable<T>(name: string, body: () => T): T {
    this.#loopVariables.push(name);
    try {
      return body();
    } finally {
      this.#loopVariables.pop();
    }
  }
}

const TARGET_HINT = 'targets: "css selector", { css }, { role, name }, { label }, { text }, { testId }, { placeholder }; optional exact, nth';

function list(names: ReadonlySet<string>): string {
  return names.size ? [...names].join(', ') : '(none)';
}
