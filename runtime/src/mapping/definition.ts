/**
 * Reading a mapping definition into a plan: aliases resolved, paths parsed, transformations and
 * validations looked up and their options checked. Every problem is one MappingDefinitionError
 * naming the entry and the pointer of the field at fault, thrown before any record is mapped.
 * compile.ts turns the plan into the per-record function.
 */
import { toParsedPath, type ParsedPath } from '../path/index.js';
import { PathSyntaxError } from '../path/parse.js';
import { MappingDefinitionError, OptionError, pointerToken, type MappingErrorCode } from './errors.js';
import { BUILTIN_TRANSFORMS } from './transforms/registry.js';
import type { Transform, TransformFn, TransformOptions } from './transforms/transform.js';
import type { FieldMapping } from './types.js';
import { planValidation, ValidationSpecError, type PlannedCheck } from './validation.js';
import type { Validator } from './validators/validator.js';

/** A custom transformation as a plain function of the value, its options and the record. */
export type CustomTransform = (value: unknown, options: TransformOptions, record: unknown) => unknown;

export interface MappingOptions {
  /** Extra transformations by name; they may shadow built-ins. */
  readonly transforms?: Readonly<Record<string, Transform | CustomTransform>>;
  /** Extra validation rules by name. */
  readonly validators?: Readonly<Record<string, Validator>>;
}

export interface PlannedStep {
  readonly name: string;
  readonly handlesMissing: boolean;
  readonly fn: TransformFn;
}

export interface PlannedEntry {
  readonly target: ParsedPath;
  /** Source paths; empty for a constant. `several` when a list of sources was written. */
  readonly sources: readonly ParsedPath[];
  readonly several: boolean;
  readonly sourceText: string | undefined;
  readonly hasConstant: boolean;
  readonly constant: unknown;
  readonly hasDefault: boolean;
  readonly fallback: unknown;
  readonly required: boolean;
  readonly steps: readonly PlannedStep[];
  readonly checks: readonly PlannedCheck[];
  readonly each: readonly PlannedEntry[] | undefined;
}

const ALIASES = {
  source: ['source', 'source_field', 'sourceField'],
  target: ['target', 'target_field', 'targetField'],
  transformation: ['transformation', 'transformations', 'transform'],
  validation: ['validation', 'validate', 'validations'],
} as const;
const OTHER_KEYS = new Set(['value', 'default', 'required', 'each', 'description', 'name']);
const ENTRY_KEYS = new Set<string>([...Object.values(ALIASES).flat(), ...OTHER_KEYS]);
const TOP_KEYS = new Set(['mappings', 'name', 'description', 'version', '$schema']);

export class Planner {
  readonly #transforms: Map<string, Transform>;
  readonly #validators: Map<string, Validator> | undefined;

  constructor(options: MappingOptions = {}) {
    this.#transforms = new Map(BUILTIN_TRANSFORMS);
    for (const [name, t] of Object.entries(options.transforms ?? {})) this.#transforms.set(name, typeof t === 'function' ? wrapCustom(t) : t);
    this.#validators = options.validators ? new Map(Object.entries(options.validators)) : undefined;
  }

  /** The top level: `{ mappings: [...] }` or a bare list of entries. */
  definition(definition: unknown): PlannedEntry[] {
    if (Array.isArray(definition)) return this.entries(definition, '');
    if (!isRecord(definition)) fail('CG_MAPPING_SHAPE', '', undefined, 'a mapping is an object with a `mappings:` list (or the list itself)', 'mappings:\n  - { source: email, target: Email, transformation: lowercase }');
    for (const key of Object.keys(definition)) {
      if (!TOP_KEYS.has(key)) fail('CG_MAPPING_UNKNOWN_KEY', `/${pointerToken(key)}`, undefined, `unknown top-level key ${JSON.stringify(key)}`, 'the top level has mappings, and optionally name and description');
    }
    if (!Array.isArray(definition['mappings'])) fail('CG_MAPPING_SHAPE', '/mappings', undefined, '`mappings` must be a list of entries');
    return this.entries(definition['mappings'], '/mappings');
  }

  entries(list: readonly unknown[], pointer: string): PlannedEntry[] {
    return list.map((entry, index) => this.entry(entry, `${pointer}/${index}`, index));
  }

  entry(raw: unknown, pointer: string, index: number): PlannedEntry {
    if (!isRecord(raw)) fail('CG_MAPPING_SHAPE', pointer, `#${index}`, 'an entry is an object with a source and a target', '{ source: first_name, target: FirstName }');
    const targetKey = aliasKey(raw, 'target', pointer, `#${index}`);
    const targetText = targetKey === undefined ? undefined : raw[targetKey];
    if (typeof targetText !== 'string' || targetText === '') {
      fail('CG_MAPPING_SHAPE', targetKey === undefined ? pointer : `${pointer}/${targetKey}`, `#${index}`, 'an entry needs a `target` path', 'target: customer.email (also target_field)');
    }
    const label = targetText;
    const target = path(targetText, `${pointer}/${targetKey}`, label);

    const sourceKey = aliasKey(raw, 'source', pointer, label);
    const sourceRaw = sourceKey === undefined ? undefined : raw[sourceKey];
    const sourceTexts = sourceRaw === undefined ? [] : Array.isArray(sourceRaw) ? sourceRaw : [sourceRaw];
    const sources = sourceTexts.map((text, i) => {
      const at = Array.isArray(sourceRaw) ? `${pointer}/${sourceKey}/${i}` : `${pointer}/${sourceKey}`;
      if (typeof text !== 'string' || text === '') fail('CG_MAPPING_SHAPE', at, label, 'a source is a path as text');
      return path(text, at, label);
    });
    const hasConstant = Object.hasOwn(raw, 'value');
    const hasDefault = Object.hasOwn(raw, 'default');
    const transformKey = aliasKey(raw, 'transformation', pointer, label);
    const validationKey = aliasKey(raw, 'validation', pointer, label);
    if (sources.length === 0 && !hasConstant && !hasDefault && transformKey === undefined) {
      fail('CG_MAPPING_SHAPE', pointer, label, 'an entry needs a `source` (or a constant `value`, a `default`, or a transformation such as template)', 'source: first_name (also source_field)');
    }
    if (raw['required'] !== undefined && typeof raw['required'] !== 'boolean') fail('CG_MAPPING_SHAPE', `${pointer}/required`, label, '`required` must be true or false');

    const steps = this.#steps(raw, transformKey, pointer, label);
    const validation = validationKey === undefined ? { required: false, checks: [] } : this.#validation(raw[validationKey], `${pointer}/${validationKey}`, label);
    const each = raw['each'] === undefined ? undefined : this.#each(raw['each'], `${pointer}/each`, label);
    return {
      target,
      sources,
      several: Array.isArray(sourceRaw),
      sourceText: sourceTexts.length === 0 ? undefined : sourceTexts.join(', '),
      hasConstant,
      constant: raw['value'],
      hasDefault,
      fallback: raw['default'],
      required: raw['required'] === true || validation.required,
      steps,
      checks: validation.checks,
      each,
    };
  }

  /** The chain, with inline options (keys that are not entry keys) handed to the step that takes them. */
  #steps(raw: Record<string, unknown>, key: string | undefined, pointer: string, label: string): PlannedStep[] {
    const spec = key === undefined ? [] : raw[key];
    const list = Array.isArray(spec) ? spec : [spec];
    const listed = Array.isArray(spec);
    const named = list.map((step, i) => {
      const at = listed ? `${pointer}/${key}/${i}` : `${pointer}/${key}`;
      if (typeof step === 'string') return { name: step, options: {} as Record<string, unknown>, at, inline: {} as Record<string, string> };
      if (isRecord(step)) {
        const { type, name, ...options } = step;
        const stepName = type ?? name;
        if (typeof stepName !== 'string') fail('CG_MAPPING_SHAPE', at, label, 'a transformation step needs a `type` naming it', '{ type: lookup, table: { a: A } }');
        return { name: stepName, options, at, inline: {} as Record<string, string> };
      }
      return fail('CG_MAPPING_SHAPE', at, label, 'a transformation is a name or an object with a `type`');
    });
    for (const step of named) {
      if (!this.#transforms.has(step.name)) {
        fail('CG_MAPPING_UNKNOWN_TRANSFORM', step.at, label, `unknown transformation ${JSON.stringify(step.name)}`, `use one of ${[...this.#transforms.keys()].join(', ')}, or register it in compileMapping's options`);
      }
    }
    for (const option of Object.keys(raw)) {
      if (ENTRY_KEYS.has(option)) continue;
      const owner = named.find((s) => accepts(this.#transforms.get(s.name)!, option));
      if (!owner) {
        fail('CG_MAPPING_UNKNOWN_KEY', `${pointer}/${pointerToken(option)}`, label, `unknown key ${JSON.stringify(option)}`, named.length ? `the transformations here take: ${named.flatMap((s) => optionList(this.#transforms.get(s.name)!)).join(', ') || 'no options'}` : 'an entry has source, target, transformation, validation, required, default, value, each');
      }
      if (!Object.hasOwn(owner.options, option)) {
        owner.options[option] = raw[option];
        owner.inline[option] = `${pointer}/${pointerToken(option)}`;
      }
    }
    return named.map((step) => {
      const transform = this.#transforms.get(step.name)!;
      for (const option of Object.keys(step.options)) {
        if (!accepts(transform, option)) {
          fail('CG_MAPPING_UNKNOWN_KEY', `${step.at}/${pointerToken(option)}`, label, `${step.name} has no option ${JSON.stringify(option)}`, optionList(transform).length ? `its options: ${optionList(transform).join(', ')}` : `${step.name} takes no options`);
        }
      }
      try {
        return { name: step.name, handlesMissing: transform.handlesMissing === true, fn: transform.prepare(step.options) };
      } catch (error) {
        if (!(error instanceof OptionError)) throw error;
        const at = error.option === undefined ? step.at : (step.inline[error.option] ?? `${step.at}${listed || isRecord(list[0]) ? `/${pointerToken(error.option)}` : ''}`);
        return fail(error.option === 'pattern' ? 'CG_MAPPING_BAD_PATTERN' : 'CG_MAPPING_BAD_OPTION', at, label, `${step.name}: ${error.message}`, error.hint);
      }
    });
  }

  #validation(spec: unknown, pointer: string, label: string): { required: boolean; checks: PlannedCheck[] } {
    try {
      return planValidation(spec, this.#validators);
    } catch (error) {
      if (error instanceof ValidationSpecError) fail(error.code, `${pointer}${error.at}`, label, error.message, error.hint);
      throw error;
    }
  }

  #each(spec: unknown, pointer: string, label: string): PlannedEntry[] {
    if (Array.isArray(spec)) return this.entries(spec, pointer);
    if (isRecord(spec) && Array.isArray(spec['mappings'])) return this.entries(spec['mappings'], `${pointer}/mappings`);
    return fail('CG_MAPPING_SHAPE', pointer, label, '`each` is a list of entries applied to every element of the source list');
  }
}

function wrapCustom(fn: CustomTransform): Transform {
  // A plain function says nothing about its options, so it accepts any.
  return { options: 'any', prepare: (options) => (value, context) => fn(value, options, context.record) };
}

function accepts(transform: Transform, option: string): boolean {
  return transform.options === 'any' || transform.options.includes(option);
}

function optionList(transform: Transform): readonly string[] {
  return transform.options === 'any' ? [] : transform.options;
}

/** The one alias of `field` the entry uses; two at once is ambiguous. */
function aliasKey(raw: Record<string, unknown>, field: keyof typeof ALIASES, pointer: string, label: string): string | undefined {
  const present = ALIASES[field].filter((k) => raw[k] !== undefined);
  if (present.length > 1) fail('CG_MAPPING_SHAPE', `${pointer}/${present[1]}`, label, `${present.join(' and ')} both give the ${field}; keep one`);
  return present[0];
}

function path(text: string, pointer: string, label: string): ParsedPath {
  try {
    return toParsedPath(text);
  } catch (error) {
    if (error instanceof PathSyntaxError) fail('CG_MAPPING_BAD_PATH', pointer, label, error.message, error.hint);
    throw error;
  }
}

function fail(code: MappingErrorCode, pointer: string, entry: string | undefined, message: string, hint?: string): never {
  throw new MappingDefinitionError(code, pointer, message, { entry, hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
