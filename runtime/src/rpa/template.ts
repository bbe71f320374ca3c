/**
 * Step values are templates: `{{ inputs.name }}`, `{{ outputs.total }}`, `{{ row.id }}`. Only
 * dotted paths into the run's variables, no expressions or filters: a job file is configuration,
 * and a template that could call code would make every job file a program to review.
 *
 * A template that is exactly one `{{ path }}` renders to the value itself (a list for `forEach`, a
 * boolean for `if`); anything else renders to a string.
 */

export type Part = { readonly text: string } | { readonly path: readonly string[] };

const EXPRESSION = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_$][\w$-]*(?:\.[\w$-]+)*$/;

export class TemplateSyntaxError extends Error {}

/** Splits a template into literal text and variable paths; throws on `{{` without a valid path. */
export function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(EXPRESSION)) {
    const expression = match[1] ?? '';
    if (!PATH.test(expression)) {
      throw new TemplateSyntaxError(`"{{ ${expression} }}" is not a variable path such as inputs.name or outputs.total`);
    }
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ path: expression.split('.') });
    last = match.index + match[0].length;
  }
  const rest = template.slice(last);
  if (rest.includes('{{')) throw new TemplateSyntaxError(`"${rest}" opens "{{" without a closing "}}"`);
  if (rest) parts.push({ text: rest });
  return parts;
}

/** The variable paths a template reads, for checking them when the job is loaded. */
export function templatePaths(template: string): Array<readonly string[]> {
  return parseTemplate(template).flatMap((part) => ('path' in part ? [part.path] : []));
}

export class TemplateValueError extends Error {
  constructor(readonly path: string) {
    super(`{{ ${path} }} has no value in this run`);
  }
}

/** Renders a template against the run's variables; a path with no value is an error, not "". */
export function renderTemplate(template: string, scope: Readonly<Record<string, unknown>>): unknown {
  const parts = parseTemplate(template);
  if (parts.length === 1 && 'path' in parts[0]!) return lookup(parts[0].path, scope);
  return parts.map((part) => ('path' in part ? stringify(lookup(part.path, scope)) : part.text)).join('');
}

/** Renders to a string, for values that end up typed into a page. */
export function renderString(template: string, scope: Readonly<Record<string, unknown>>): string {
  return stringify(renderTemplate(template, scope));
}

function lookup(path: readonly string[], scope: Readonly<Record<string, unknown>>): unknown {
  let value: unknown = scope;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw new TemplateValueError(path.join('.'));
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined) throw new TemplateValueError(path.join('.'));
  return value;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
