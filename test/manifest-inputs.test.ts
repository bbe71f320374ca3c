/**
 * The manifest (connector.json) states each action's input as JSON Schema, and platforms validate
 * user input with it before calling the action. It must accept whatever the action's TypeScript
 * input type accepts: here, inputs sampled from the spec's own parameter and body schemas (values
 * the API takes, so values the generated type takes), for every action of every fixture, with only
 * the required fields and with every optional one too, validated by Ajv against the manifest.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { emit } from '../generator/src/emit/index.js';
import { buildIR } from '../generator/src/ir/build/document.js';
import { loadAndConvert } from '../generator/src/pipeline.js';
import { sampleValue, type JsonSchema, type SampleMode } from './helpers/sample-input.js';

const FIXTURES = [
  'specs/features/auth.yaml',
  'specs/features/bodies.yaml',
  'specs/features/naming.yaml',
  'specs/features/pagination.yaml',
  'specs/features/schemas-3.0.yaml',
  'specs/features/schemas-3.1.yaml',
  'specs/features/spec-behaviour/openapi.yaml',
  'specs/name-clashes/openapi.yaml',
  'specs/param-styles/openapi.yaml',
  'specs/petstore/openapi.yaml',
  'specs/formats/openapi-3.0.json',
  'specs/formats/swagger-2.0.yaml',
  'specs/swagger2/collection-formats.yaml',
  'specs/swagger2/form-upload.yaml',
  'specs/swagger2/path-level-params.yaml',
];

type Obj = Record<string, any>;

function pointer(document: Obj, ref: string): JsonSchema | undefined {
  let node: any = document;
  for (const part of ref.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node as JsonSchema | undefined;
}

const deref = (document: Obj, value: any): any => (typeof value?.$ref === 'string' ? deref(document, pointer(document, value.$ref)) : value);

/** One input for an operation: each parameter under its input key, the body under `body`. */
function sampleInput(document: Obj, path: string, method: string, keys: Map<string, string>, mode: SampleMode): Obj {
  const item = deref(document, document.paths[path]);
  const operation = item[method.toLowerCase()];
  const resolve = (ref: string) => pointer(document, ref);
  const input: Obj = {};
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = deref(document, raw);
    const key = keys.get(`${parameter.in}\u0000${parameter.name}`);
    if (key === undefined || (!parameter.required && mode === 'required')) continue;
    const schema = parameter.schema ?? (Object.values(parameter.content ?? {}) as Obj[])[0]?.schema;
    const value = sampleValue(schema, resolve, mode);
    if (value !== undefined) input[key] = value;
  }
  const body = deref(document, operation.requestBody);
  const media = body?.content?.['application/json'] ?? Object.values(body?.content ?? {})[0];
  if (media?.schema !== undefined && (body.required || mode === 'all')) input['body'] = sampleValue(media.schema, resolve, mode);
  return input;
}

describe.each(FIXTURES)('%s: the manifest accepts what the action types accept', (spec) => {
  it.each<SampleMode>(['required', 'all'])('sampled %s inputs of every action validate', async (mode) => {
    const { converted } = await loadAndConvert(spec);
    const ir = buildIR(converted.document);
    const manifest = JSON.parse(emit(ir).get('connector.json')!) as Obj;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const failures: string[] = [];
    for (const operation of ir.operations) {
      const action = (manifest.actions as Obj[]).find((a) => a.name === operation.name)!;
      const keys = new Map<string, string>(
        Object.entries(action.input.properties ?? {}).map(([key, schema]: [string, any]) => [`${schema['x-in']}\u0000${schema['x-name']}`, key]),
      );
      const input = sampleInput(converted.document, operation.path, operation.method, keys, mode);
      const validate = ajv.compile({ ...action.input, $defs: manifest.$defs });
      if (!validate(input)) failures.push(`${operation.name} ${JSON.stringify(input)}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });
});
