/** Helpers for the lint tests: lint a fixture under specs/lint, or a document written inline. */
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSpec, parseSpec } from '../load/index.js';
import { lintSpec, type LintOptions } from './index.js';

export const FIXTURES = fileURLToPath(new URL('../../../specs/lint/', import.meta.url));

/** Lints `specs/lint/<name>`; connectgen's rules only unless `oas: true`. */
export async function lintFixture(name: string, options: LintOptions = {}): Promise<Diagnostic[]> {
  return lintSpec(await loadSpec(FIXTURES + name), { oas: false, ...options });
}

/** Lints a document given as data (written out as YAML, or JSON with `json: true`). */
export async function lintDocument(document: object, options: LintOptions & { json?: boolean } = {}): Promise<Diagnostic[]> {
  const text = options.json ? JSON.stringify(document, null, 2) : stringify(document);
  return lintSpec(parseSpec(text, FIXTURES + (options.json ? 'inline.json' : 'inline.yaml')), { oas: false, ...options });
}

export const only = (code: string, diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === code);

/** A minimal valid OAS 3.0 document to build test cases from. */
export function oas30(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'T', description: 'A test API.', version: '1' },
    servers: [{ url: 'https://api.example.org' }],
    paths: {},
    ...extra,
  };
}

/** A minimal valid Swagger 2.0 document. */
export function swagger2(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { swagger: '2.0', info: { title: 'T', description: 'A test API.', version: '1' }, host: 'api.example.org', paths: {}, ...extra };
}
