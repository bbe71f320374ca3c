/**
 * Every feature fixture under specs/ (schemas 3.0/3.1, auth, bodies, naming, pagination, Swagger 2.0,
 * multi-file documents, the lint suite's good specs) generates a package that the real TypeScript
 * compiler accepts under strict with zero errors, and that imports and builds its client.
 */
import { describe, expect, it } from 'vitest';
import { generateInto, importConnector } from './helpers/generate.js';
import { tsc } from './helpers/tsc.js';

const FIXTURES = [
  'specs/features/auth.yaml',
  'specs/features/bodies.yaml',
  'specs/features/discriminator-base.yaml',
  'specs/features/naming.yaml',
  'specs/features/pagination.yaml',
  'specs/features/schemas-3.0.yaml',
  'specs/features/schemas-3.1.yaml',
  'specs/name-clashes/openapi.yaml',
  'specs/param-styles/openapi.yaml',
  'specs/formats/multi-file/openapi.yaml',
  'specs/formats/openapi-3.0.json',
  'specs/formats/openapi-3.1-webhooks.yaml',
  'specs/formats/swagger-2.0.yaml',
  'specs/swagger2/collection-formats.yaml',
  'specs/swagger2/form-upload.yaml',
  'specs/swagger2/global-consumes.yaml',
  'specs/lint/good/petstore-oas30.json',
  'specs/lint/good/petstore-swagger2.yaml',
  'specs/lint/good/webhooks-oas31.yaml',
  'specs/lint/good/multi-file/openapi.yaml',
];

const slug = (spec: string) => spec.replace(/^specs\//, '').replace(/[^a-z0-9]+/gi, '-');

describe.concurrent.each(FIXTURES)('%s', (spec) => {
  it('compiles under strict with zero errors and imports', async () => {
    const { dir, ir } = await generateInto(spec, `fixture-${slug(spec)}`);
    const compiled = await tsc(dir);
    expect(compiled.errors).toEqual([]);
    const mod = await importConnector<Record<string, unknown>>(dir);
    expect(typeof mod[`create${ir.info.pascalName}Connector`]).toBe('function');
  });
});
