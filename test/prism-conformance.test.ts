/**
 * Conformance against an independent validator: every action of a generated connector is called
 * through Prism's mock server started from the same spec, once with only the required inputs and
 * once with every optional one, and Prism must not reject a single request as not matching the
 * spec (wrong path, method, parameter serialisation, missing auth, body shape or content type).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';
import { checkConformance } from './helpers/conformance.js';
import { generateAndBuild } from './helpers/generated-package.js';

const SPECS = [
  ['petstore', 'specs/petstore/openapi.yaml'],
  ['todo-3.0', 'specs/formats/openapi-3.0.json'],
  ['billing-3.1', 'specs/formats/openapi-3.1-webhooks.yaml'],
  ['orders-swagger2', 'specs/swagger2/global-consumes.yaml'],
  ['search-swagger2', 'specs/swagger2/collection-formats.yaml'],
  ['files-swagger2', 'specs/swagger2/form-upload.yaml'],
] as const;

describe('requests of generated connectors match their spec (judged by Prism)', () => {
  for (const [name, spec] of SPECS) {
    it(name, async () => {
      const file = path.join(repoRoot, spec);
      const result = await checkConformance(await generateAndBuild(file, `prism-${name}`), file);
      expect(result.notSent).toEqual([]);
      expect(result.rejected).toEqual([]);
      expect(result.calls).toBeGreaterThan(0);
    }, 300_000); // tsc on the package plus Prism's start-up: minutes when two suites share two cores
  }
});
