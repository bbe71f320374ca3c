/**
 * The converted document is read-only to every later stage. Convert's self-contained path copies
 * only the objects on the way to an example it rewrites and shares the rest with the loaded spec
 * (copying GitHub's whole spec was 7% of generate), and the direct Swagger 2.0 converter shares
 * nothing it need not copy either; that is only sound while ir, emit and the generation record never
 * write to the document. Here the document is deep-frozen, so a write anywhere in those stages throws
 * (ES modules run in strict mode), and the frozen run must give the same files as an unfrozen one.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emit } from './emit/index.js';
import { buildIR } from './ir/index.js';
import { loadAndConvert } from './pipeline.js';
import { recordFiles } from './record/record.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const SPECS = [
  'specs/petstore/openapi.yaml',
  'specs/features/bodies.yaml',
  'specs/features/pagination.yaml',
  'specs/features/schemas-3.1.yaml',
  'specs/formats/multi-file/openapi.yaml',
  'specs/formats/openapi-3.1-webhooks.yaml',
  'specs/formats/swagger-2.0.yaml',
  'specs/swagger2/form-upload.yaml',
  'specs/swagger2/shared-path-body.yaml',
  'specs/lint/good/petstore-swagger2.yaml',
];

function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
  Object.freeze(value);
}

async function generateInMemory(spec: string, freeze: boolean): Promise<Map<string, string>> {
  const source = path.join(repoRoot, spec);
  const { loaded, converted } = await loadAndConvert(source);
  if (freeze) deepFreeze(converted.document);
  const ir = buildIR(converted.document, undefined, { sourceUri: loaded.uri });
  const files = emit(ir);
  const record = recordFiles({ source, outDir: path.join(repoRoot, '.tmp', 'frozen'), document: converted.document, files });
  return new Map([...files, ...[...record].map(([name, text]) => [name, typeof text === 'string' ? text : [...text].join('')] as const)]);
}

describe.each(SPECS)('%s', (spec) => {
  it('generates from a deep-frozen converted document, the same files as from a writable one', async () => {
    const frozen = await generateInMemory(spec, true);
    const writable = await generateInMemory(spec, false);
    expect([...frozen.keys()]).toEqual([...writable.keys()]);
    for (const [name, text] of frozen) expect(text, name).toBe(writable.get(name));
    expect(frozen.size).toBeGreaterThan(3);
  });
});
