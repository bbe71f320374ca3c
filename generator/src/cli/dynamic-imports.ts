/**
 * `import()` in the bundle goes through a function the loader hands in (code-cache.ts), because in
 * Node 20 a script compiled from a V8 code cache loses its dynamic-import callback: `import()` in it
 * throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING on every run after the first (fixed in Node 21).
 *
 * The calls are found by parsing (TypeScript's parser, through ts-morph), not by searching the
 * text: "import(" also stands in strings, comments and error messages (oclif's "import() failed to
 * load"), which must stay as they are.
 */
import type { ts as TypeScript } from 'ts-morph';

/** The name each `import(` becomes; the bundle's first lines define it. */
export const DYNAMIC_IMPORT = '__cgDynamicImport';

/** `code` with every `import(...)` call written `__cgDynamicImport(...)`, arguments untouched. */
export function rewriteDynamicImports(code: string, ts: typeof TypeScript): string {
  const starts = importCalls(code, ts);
  let out = '';
  let from = 0;
  for (const start of starts) {
    out += code.slice(from, start) + DYNAMIC_IMPORT;
    from = start + 'import'.length;
  }
  return out + code.slice(from);
}

/** Where each `import(...)` call's `import` keyword starts, in order. */
export function importCalls(code: string, ts: typeof TypeScript): number[] {
  const file = ts.createSourceFile('bundle.cjs', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const starts: number[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) starts.push(node.expression.getStart(file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return starts.sort((a, b) => a - b);
}
