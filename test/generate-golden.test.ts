/**
 * Determinism (issue 3, point 7) and the committed example connectors: generating twice gives
 * byte-identical files, and connectors/<name> is exactly what the current generator makes from its
 * spec. After an intended change to the output, refresh the golden copy with
 *   npx connectgen generate specs/petstore/connector.yaml --out connectors/petstore
 * and for each example: npx connectgen generate specs/examples/<name>/connector.yaml --out connectors/<name>
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateInto, readTree, REPO_ROOT } from './helpers/generate.js';

const GOLDEN = [
  { name: 'petstore', spec: 'specs/petstore/connector.yaml' },
  // The example connectors of issue 10: together every auth method and every pagination type.
  ...['helpdesk', 'scim', 'crm', 'files', 'odata'].map((name) => ({ name, spec: `specs/examples/${name}/connector.yaml` })),
];

function asText(files: Map<string, Buffer>): Record<string, string> {
  return Object.fromEntries([...files].map(([path, bytes]) => [path, bytes.toString('utf8')]));
}

describe('generation is deterministic', () => {
  it.each(['specs/petstore/connector.yaml', 'specs/hostile/openapi.json'])('%s twice gives the same bytes', async (spec) => {
    const slug = spec.replace(/[^a-z0-9]+/gi, '-');
    const first = await generateInto(spec, `determinism-a-${slug}`);
    const second = await generateInto(spec, `determinism-b-${slug}`);
    const a = await readTree(first.dir);
    const b = await readTree(second.dir);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, bytes] of a) expect(Buffer.compare(bytes, b.get(path)!), path).toBe(0);
    for (const bytes of a.values()) expect(bytes.includes('\r')).toBe(false);
  });
});

describe.each(GOLDEN)('connectors/$name', ({ name, spec }) => {
  it('matches a fresh generation from its spec', async () => {
    const fresh = await generateInto(spec, `golden-${name}`);
    const committed = await readTree(join(REPO_ROOT, 'connectors', name));
    expect(asText(committed)).toEqual(asText(await readTree(fresh.dir)));
  });
});
