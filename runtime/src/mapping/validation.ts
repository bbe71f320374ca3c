/**
 * A `validation:` spec -> the list of checks to run. Accepted forms, as platforms write them:
 *   validation: email                                  a rule name, or a JSON type name (string, integer, ...)
 *   validation: { type: email, pattern: "@acme\\.com$" }  `type` names a rule or a JSON type; other keys
 *                                                      named after rules add those rules
 *   validation: [email, { maxLength: 100 }]            a list of either
 * `required` may appear anywhere (`validation: required`, `{ required: true }`); `message`
 * replaces the rule's own message.
 */
import { OptionError } from './errors.js';
import { BUILTIN_VALIDATORS, JSON_TYPES } from './validators/rules.js';
import type { Check, Validator } from './validators/validator.js';

export interface PlannedCheck {
  readonly rule: string;
  readonly check: Check;
}

/** A problem in the spec; `at` is the pointer below the validation key. */
export class ValidationSpecError extends Error {
  constructor(
    readonly code: 'CG_MAPPING_UNKNOWN_VALIDATOR' | 'CG_MAPPING_BAD_PATTERN' | 'CG_MAPPING_BAD_OPTION' | 'CG_MAPPING_SHAPE',
    readonly at: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const SPEC_KEYS = new Set(['type', 'message', 'required']);

export function planValidation(spec: unknown, extra: ReadonlyMap<string, Validator> | undefined): { required: boolean; checks: PlannedCheck[] } {
  const rules = extra ? new Map([...BUILTIN_VALIDATORS, ...extra]) : BUILTIN_VALIDATORS;
  const out = { required: false, checks: [] as PlannedCheck[] };
  const items = Array.isArray(spec) ? spec : [spec];
  items.forEach((item, i) => addItem(item, Array.isArray(spec) ? `/${i}` : '', rules, out));
  return out;
}

function addItem(item: unknown, at: string, rules: ReadonlyMap<string, Validator>, out: { required: boolean; checks: PlannedCheck[] }): void {
  if (typeof item === 'string') {
    if (item === 'required') out.required = true;
    else out.checks.push(prepare(item, { [item]: true }, at, undefined, rules, undefined));
    return;
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new ValidationSpecError('CG_MAPPING_SHAPE', at, 'a validation is a rule name or an object such as { type: email }');
  }
  const spec = item as Record<string, unknown>;
  if (spec['required'] === true) out.required = true;
  const message = typeof spec['message'] === 'string' ? spec['message'] : undefined;
  const type = spec['type'];
  if (type !== undefined) {
    if (typeof type !== 'string') throw new ValidationSpecError('CG_MAPPING_SHAPE', `${at}/type`, '`type` names a rule or a JSON type');
    if (type === 'required') out.required = true;
    else out.checks.push(prepare(type, spec, `${at}/type`, at, rules, message));
  }
  const claimed = new Set(type === undefined ? [] : (rules.get(type)?.options ?? []));
  for (const key of Object.keys(spec)) {
    if (SPEC_KEYS.has(key) || key === type || claimed.has(key)) continue;
    if (rules.has(key) && key !== 'type') out.checks.push(prepare(key, spec, `${at}/${key}`, at, rules, message));
    else if (![...rules.values()].some((r) => r.options.includes(key))) {
      throw new ValidationSpecError('CG_MAPPING_UNKNOWN_VALIDATOR', `${at}/${key}`, `unknown validation ${JSON.stringify(key)}`, `use ${[...rules.keys()].join(', ')}, required, or a JSON type (${JSON_TYPES.join(', ')})`);
    }
  }
}

/** `at` points at the rule's name, `base` at the object holding its options (undefined for a bare name). */
function prepare(name: string, options: Readonly<Record<string, unknown>>, at: string, base: string | undefined, rules: ReadonlyMap<string, Validator>, message: string | undefined): PlannedCheck {
  let rule = rules.get(name);
  let ruleOptions = options;
  if (!rule && (JSON_TYPES as readonly string[]).includes(name)) {
    rule = rules.get('type')!;
    ruleOptions = { ...options, type: name };
  }
  if (!rule) {
    throw new ValidationSpecError('CG_MAPPING_UNKNOWN_VALIDATOR', at, `unknown validation ${JSON.stringify(name)}`, `use ${[...rules.keys()].join(', ')}, required, or a JSON type (${JSON_TYPES.join(', ')})`);
  }
  let check: Check;
  try {
    check = rule.prepare(ruleOptions);
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    const where = error.option === undefined || base === undefined ? at : `${base}/${error.option}`;
    throw new ValidationSpecError(error.option === 'pattern' ? 'CG_MAPPING_BAD_PATTERN' : 'CG_MAPPING_BAD_OPTION', where, `${name}: ${error.message}`, error.hint);
  }
  return { rule: name, check: message === undefined ? check : (value) => (check(value) === undefined ? undefined : message) };
}
