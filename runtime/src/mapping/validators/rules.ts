/**
 * The built-in validation rules. Each is a few lines, so they share one file; the registry at the
 * end maps the names a `validation:` entry uses to them.
 */
import { OptionError } from '../errors.js';
import type { Check, Validator, ValidatorOptions } from './validator.js';

/**
 * Practical, not RFC 5322: one @, no spaces, a dot in the domain, no empty labels. Unicode is
 * allowed on both sides (internationalised addresses are real), quoted local parts are not.
 */
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@(?!-)[^\s@"(),:;<>[\\\]_.]+(?:\.[^\s@"(),:;<>[\\\]_.]+)+$/u;

const email: Validator = {
  options: [],
  prepare: () => (value) => (typeof value === 'string' && EMAIL.test(value) && !value.includes('..') ? undefined : `${show(value)} is not an email address`),
};

const pattern: Validator = {
  options: ['flags'],
  prepare(options) {
    const source = options['pattern'];
    const flags = options['flags'] ?? '';
    if (typeof source !== 'string') throw new OptionError('pattern', 'pattern must be a regular expression as text');
    if (typeof flags !== 'string') throw new OptionError('flags', 'flags must be text such as "i"');
    let regex: RegExp;
    try {
      regex = new RegExp(source, flags);
    } catch (error) {
      throw new OptionError('pattern', `not a valid regular expression: ${(error as Error).message}`, 'escape special characters such as ( [ { . + * ? with a backslash');
    }
    // A global regex keeps state between test() calls; the check must not.
    const stateless = regex.global || regex.sticky ? new RegExp(source, flags.replace(/[gy]/g, '')) : regex;
    return (value) => (typeof value === 'string' && stateless.test(value) ? undefined : `${show(value)} does not match ${source}`);
  },
};

const enumRule: Validator = {
  options: ['values'],
  prepare(options) {
    const values = options['enum'] ?? options['values'];
    if (!Array.isArray(values) || values.length === 0) throw new OptionError(options['enum'] === undefined ? 'values' : 'enum', 'enum needs a non-empty list of allowed values');
    const allowed = new Set(values);
    return (value) => (allowed.has(value) ? undefined : `${show(value)} is not one of ${values.map(show).join(', ')}`);
  },
};

function bound(name: 'min' | 'max' | 'minLength' | 'maxLength'): Validator {
  const isLength = name.endsWith('Length');
  const isMin = name.startsWith('min');
  return {
    options: [],
    prepare(options: ValidatorOptions): Check {
      const limit = options[name];
      if (typeof limit !== 'number' || !Number.isFinite(limit) || (isLength && (!Number.isInteger(limit) || limit < 0))) {
        throw new OptionError(name, `${name} must be ${isLength ? 'a whole number >= 0' : 'a number'}`);
      }
      return (value) => {
        // Lengths count characters as people see them in code points, so an emoji is one.
        const measured = !isLength ? (typeof value === 'number' ? value : undefined) : typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined;
        if (measured === undefined) return `${show(value)} is not ${isLength ? 'text or a list' : 'a number'}`;
        const ok = isMin ? measured >= limit : measured <= limit;
        return ok ? undefined : `${isLength ? `length ${measured}` : show(value)} is ${isMin ? 'below the minimum' : 'above the maximum'} ${limit}`;
      };
    },
  };
}

export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

const TYPE_CHECKS: Record<(typeof JSON_TYPES)[number], (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  null: (v) => v === null,
};

const type: Validator = {
  options: [],
  prepare(options) {
    const name = options['type'];
    const check = TYPE_CHECKS[name as keyof typeof TYPE_CHECKS];
    if (!check) throw new OptionError('type', `unknown type ${show(name)}`, `use one of ${JSON_TYPES.join(', ')}`);
    return (value) => (check(value) ? undefined : `${show(value)} is not ${name === 'integer' || name === 'array' || name === 'object' ? 'an' : 'a'} ${String(name)}`);
  },
};

export const BUILTIN_VALIDATORS: ReadonlyMap<string, Validator> = new Map([
  ['email', email],
  ['pattern', pattern],
  ['enum', enumRule],
  ['min', bound('min')],
  ['max', bound('max')],
  ['minLength', bound('minLength')],
  ['maxLength', bound('maxLength')],
  ['type', type],
]);

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
