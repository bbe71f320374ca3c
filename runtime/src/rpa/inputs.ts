/**
 * A run's inputs checked against the job's declarations: required ones present, defaults applied,
 * types right. Text (from `--input name=value` or a form) is converted to the declared type, so the
 * CLI and the API accept the same values. Messages never quote a secret input's value.
 */
import { ConnectorError } from '../http/errors.js';
import { REDACTED } from '../http/redact.js';
import type { RpaJob } from './job/job.js';
import type { InputDefinition } from './job/types.js';

export class RpaInputError extends ConnectorError {
  readonly code = 'CG_RPA_INPUT';
  readonly pointer: string;
  readonly hint: string;

  constructor(message: string, pointer: string, hint: string) {
    super(`${message} (at ${pointer})`);
    this.pointer = pointer;
    this.hint = hint;
  }

  protected override details(): Record<string, unknown> {
    return { pointer: this.pointer, hint: this.hint };
  }
}

export function resolveInputs(job: RpaJob, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(job.inputs, name)) {
      throw new RpaInputError(`job "${job.name}" has no input "${name}"`, `/inputs/${name}`, `its inputs: ${Object.keys(job.inputs).join(', ') || '(none)'}`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(job.inputs)) {
    const value = given[name] ?? input.default;
    if (value === undefined) {
      if (input.required === false) continue;
      throw new RpaInputError(`input "${name}" is required`, `/inputs/${name}`, `pass it: --input ${name}=...`);
    }
    values[name] = coerce(name, input, value);
  }
  return values;
}

function coerce(name: string, input: InputDefinition, value: unknown): unknown {
  const type = input.type ?? 'string';
  const fail = (why: string): never => {
    const shown = input.secret ? REDACTED : JSON.stringify(value)?.slice(0, 60);
    throw new RpaInputError(`input "${name}" must be ${why}; got ${shown}`, `/inputs/${name}`, `pass a ${type}`);
  };
  switch (type) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : fail('text');
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number) ? number : fail('a number');
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail('true or false');
    case 'list': {
      if (Array.isArray(value)) return value;
      if (typeof value !== 'string') return fail('a list');
      // A JSON array, else comma-separated text.
      const parsed = value.trim().startsWith('[') ? parseJson(value) : value.split(',').map((s) => s.trim()).filter(Boolean);
      return Array.isArray(parsed) ? parsed : fail('a list (JSON array or comma-separated)');
    }
    case 'object': {
      const parsed = typeof value === 'string' ? parseJson(value) : value;
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : fail('a JSON object');
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Values of the secret inputs, as text: what the redactor replaces wherever it finds them. */
export function secretValues(job: RpaJob, values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(job.inputs)
    .filter(([name, input]) => input.secret && values[name] !== undefined)
    .flatMap(([name]) => {
      const value = values[name];
      return typeof value === 'object' ? [JSON.stringify(value), ...Object.values(value ?? {}).map(String)] : [String(value)];
    });
}

/** The inputs as the record shows them: secret inputs replaced whole. */
export function maskInputs(job: RpaJob, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, job.inputs[name]?.secret ? REDACTED : value]));
}
