import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildIR } from '../../ir/build/document.js';
import { operationInputType } from '../../ir/input.js';
import type { ConnectorIR, SchemaIR, TypeNode } from '../../ir/types.js';
import { commentText, printType, propertyName, stringLiteral } from './print-type.js';

const FIXTURES = ['schemas-3.0.yaml', 'schemas-3.1.yaml', 'alias-cycles.yaml', 'auth.yaml', 'pagination.yaml', 'naming.yaml', 'bodies.yaml'];
const fixture = (name: string): Record<string, unknown> =>
  parse(readFileSync(new URL(`../../../../specs/features/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const output = { mode: 'output' } as const;

describe('printType', () => {
  test('scalars, enums, literals, arrays, unions, intersections', () => {
    const cases: [TypeNode, string][] = [
      [{ kind: 'string' }, 'string'],
      [{ kind: 'string', enum: ['a', 'b'] }, '"a" | "b"'],
      [{ kind: 'integer', enum: [-1, 2] }, '-1 | 2'],
      [{ kind: 'literal', value: null }, 'null'],
      [{ kind: 'array', items: { kind: 'union', members: [{ kind: 'string' }, { kind: 'null' }] } }, '(string | null)[]'],
      [{ kind: 'array', items: { kind: 'string', enum: ['x', 'y'] } }, '("x" | "y")[]'],
      [{ kind: 'intersection', members: [{ kind: 'ref', name: 'A' }, { kind: 'union', members: [{ kind: 'ref', name: 'B' }, { kind: 'ref', name: 'C' }] }] }, 'A & (B | C)'],
      [{ kind: 'object', properties: [], additionalProperties: true }, '{ [key: string]: unknown }'],
      [{ kind: 'object', properties: [], additionalProperties: false }, '{ [key: string]: never }'],
      [{ kind: 'binary' }, 'AsyncIterable<Uint8Array>'],
    ];
    for (const [node, text] of cases) expect(printType(node, output)).toBe(text);
    expect(printType({ kind: 'binary' }, { mode: 'input' })).toBe('BlobLike | Uint8Array');
  });

  test('readOnly dropped in input mode, writeOnly in output mode; refs to input variants', () => {
    const node: TypeNode = {
      kind: 'object',
      properties: [
        { name: 'id', type: { kind: 'string' }, required: true, readOnly: true },
        { name: 'secret', type: { kind: 'string' }, required: false, writeOnly: true },
        { name: 'friend', type: { kind: 'ref', name: 'Pet' }, required: false },
      ],
      additionalProperties: false,
    };
    const schemas = new Map<string, SchemaIR>([['Pet', { name: 'Pet', specName: 'Pet', pointer: '', type: node, inputName: 'PetInput' }]]);
    expect(printType(node, { mode: 'output', schemas })).toBe('{\n  id: string;\n  friend?: Pet;\n}');
    expect(printType(node, { mode: 'input', schemas })).toBe('{\n  secret?: string;\n  friend?: PetInput;\n}');
  });

  test('hostile text stays inert', () => {
    expect(stringLiteral('`${process.exit(1)}`')).toBe('"`${process.exit(1)}`"');
    expect(stringLiteral('a\u2028b\u2029c"\n')).toBe('"a\\u2028b\\u2029c\\"\\n"');
    expect(propertyName('__proto__')).toBe('"__proto__"');
    expect(propertyName('a-b')).toBe('"a-b"');
    expect(propertyName('ok_1')).toBe('ok_1');
    expect(propertyName('x"\n}')).toBe('"x\\"\\n}"');
    expect(commentText('end */ alert(1) /*\u0007\u2028next')).toEqual(['end *\\/ alert(1) /*', 'next']);
    const node: TypeNode = {
      kind: 'object',
      properties: [{ name: '*/', type: { kind: 'string' }, required: true, description: '*/ export const pwned = 1; /*', default: '*/' }],
      additionalProperties: false,
    };
    const text = printType(node, output);
    expect(text).not.toMatch(/\*\/ export/);
    expect(text).toBe(
      ['{', '  /**', '   * *\\/ export const pwned = 1; /*', '   * @default "*\\/"', '   */', '  "*/": string;', '}'].join('\n'),
    );
  });

  test('deterministic', () => {
    const ir = buildIR(fixture('schemas-3.0.yaml'));
    const print = (): string[] => ir.schemas.map((s) => printType(s.type, output));
    expect(print()).toEqual(print());
  });
});

/** Every fixture's types, input variants and action inputs as one module, for the real compiler. */
function moduleFor(ir: ConnectorIR, prefix: string): string {
  const schemas = new Map(ir.schemas.map((s) => [s.name, s]));
  const lines: string[] = [];
  const local = (text: string): string => text;
  for (const schema of ir.schemas) {
    lines.push(`export type ${schema.name} = ${local(printType(schema.type, { mode: 'output', schemas }))};`);
    if (schema.inputName !== undefined) lines.push(`export type ${schema.inputName} = ${printType(schema.type, { mode: 'input', schemas })};`);
  }
  for (const op of ir.operations) {
    const name = op.name.charAt(0).toUpperCase() + op.name.slice(1);
    lines.push(`export type ${prefix}${name}Input = ${printType(operationInputType(op), { mode: 'input', schemas })};`);
    lines.push(`export type ${prefix}${name}Output = ${printType(op.success.type, { mode: 'output', schemas })};`);
  }
  // A file in a request is the runtime's BlobLike: check against its real declaration.
  const text = lines.join('\n') + '\n';
  return text.includes('BlobLike') ? `import type { BlobLike } from ${JSON.stringify(RUNTIME_TYPES)};\n${text}` : text;
}

const RUNTIME_TYPES = new URL('../../../../runtime/dist/index.js', import.meta.url).pathname;

test('printed types of every fixture compile under strict tsc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-print-'));
  try {
    const files: string[] = [];
    for (const name of FIXTURES) {
      const file = join(dir, name.replace(/\W/g, '_') + '.ts');
      writeFileSync(file, moduleFor(buildIR(fixture(name)), 'Op'));
      files.push(file);
    }
    const tsc = new URL('../../../../node_modules/.bin/tsc', import.meta.url).pathname;
    const result = spawnSync(tsc, ['--ignoreConfig', '--noEmit', '--module', 'nodenext', '--strict', '--noUncheckedIndexedAccess', '--target', 'ES2022', '--lib', 'ES2023,DOM', '--skipLibCheck', ...files], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
