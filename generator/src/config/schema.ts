/**
 * The one JSON Schema of connector.yaml (`generator/connector.schema.json`, shipped in the CLI
 * package for editors) compiled once with Ajv. Validation returns the first problem in the user's
 * terms (see explain.ts); it never throws for bad input.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { explain, type ConfigProblem } from './explain.js';

/** Where the schema lives: beside package.json, both from `src/config/` and from `dist/config/`. */
export const SCHEMA_FILE = new URL('../../connector.schema.json', import.meta.url);

type SchemaNode = Readonly<Record<string, unknown>>;

let compiled: { readonly schema: SchemaNode; readonly config: ValidateFunction; readonly completeAuth: ValidateFunction } | undefined;

/** The schema as data (for tests, docs and the did-you-mean lists). */
export function connectorSchema(): SchemaNode {
  return validators().schema;
}

function validators(): NonNullable<typeof compiled> {
  if (compiled !== undefined) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as SchemaNode;
  // allErrors: the first error in Ajv's order is not always the most useful one (explain picks);
  // verbose: errors carry their schema node, where the known keys and the x-hint are.
  // strictTypes/strictRequired off: `if` branches test properties, and completeAuth requires them,
  // of objects the schema types and describes elsewhere.
  // Required here, not imported: Ajv loads for longer than a small spec takes to generate, and a
  // spec without connector.yaml never validates one.
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
  ajv.addKeyword({ keyword: 'x-hint', schemaType: 'string' });
  ajv.addFormat('regex', { type: 'string', validate: isRegex });
  ajv.addSchema(schema);
  const id = String(schema['$id']);
  compiled = {
    schema,
    config: ajv.getSchema(id) as ValidateFunction,
    completeAuth: ajv.getSchema(`${id}#/definitions/completeAuth`) as ValidateFunction,
  };
  return compiled;
}

function isRegex(text: string): boolean {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}

/** The first problem of a connector.yaml value, or undefined when it is valid. */
export function checkConfigShape(value: unknown): ConfigProblem | undefined {
  const { config, schema } = validators();
  return config(value) ? undefined : firstProblem(config.errors ?? [], schema, '');
}

/**
 * The first field an auth scheme lacks once connector.yaml's fields are merged over the spec's
 * (`auth: { type: apiKey, preamble: Token }` is complete over a spec's apiKey scheme, not alone).
 */
export function checkCompleteAuth(auth: unknown, base: string): ConfigProblem | undefined {
  const { completeAuth, schema } = validators();
  return completeAuth(auth) ? undefined : firstProblem(completeAuth.errors ?? [], schema, base);
}

const WRAPPERS: ReadonlySet<string> = new Set(['if', 'anyOf', 'propertyNames']);

function firstProblem(errors: readonly ErrorObject[], schema: SchemaNode, base: string): ConfigProblem | undefined {
  // `if`, `anyOf` and `propertyNames` errors only wrap the errors before them, which say what and where.
  const useful = errors.filter((error) => !WRAPPERS.has(error.keyword));
  const first = useful[0];
  if (first === undefined) return undefined;
  // Several alternatives failing at one field are one problem to the user.
  const fields = new Set(useful.map((error) => [error.instancePath, error.propertyName, error.params['missingProperty'], error.params['additionalProperty']].join('\u0000')));
  return explain(first, schema, base, fields.size - 1);
}
