import { describe, expect, it } from 'vitest';
import { findIdentifierInCode, syntaxErrors } from './helpers/code-tokens.mjs';
import { SENTINEL } from './helpers/hostile-specs.mjs';

// The scanner the hostile-spec tests rely on must itself tell inert text from code.
describe('findIdentifierInCode', () => {
  it('ignores the sentinel inside strings, templates without substitutions and comments', () => {
    const inert = [
      `const a = "globalThis.${SENTINEL} = 1";`,
      `const b = 'x ${SENTINEL}';`,
      `const c = \`${SENTINEL}\`;`,
      `/** ${SENTINEL} */ export const d = 1;`,
      `// ${SENTINEL}`,
      `export interface E { "${SENTINEL}": string }`,
    ].join('\n');
    expect(findIdentifierInCode('inert.ts', inert, SENTINEL)).toEqual([]);
  });

  it('finds it where it would run', () => {
    const injected = [
      `const a = "x"; globalThis.${SENTINEL} = 1;`,
      `const b = \`\${globalThis.${SENTINEL} = 1}\`;`,
      `export interface E { ${SENTINEL}: string }`,
    ].join('\n');
    expect(findIdentifierInCode('bad.ts', injected, SENTINEL).map((hit) => hit.line)).toEqual([1, 2, 3]);
  });

  it('reports syntax errors', () => {
    expect(syntaxErrors('ok.ts', 'const a = 1;')).toEqual([]);
    expect(syntaxErrors('broken.ts', 'const a = "unterminated;\n')).not.toEqual([]);
  });
});
