import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { importCalls, rewriteDynamicImports } from './dynamic-imports.js';

describe('rewriteDynamicImports', () => {
  it('rewrites import() calls and nothing that only reads like one', () => {
    const code = [
      'const a = await import("undici");',
      'const b = isESM ? await import(pathToFileURL(p).href) : require(p);',
      'const c = import(\n  /* webpackIgnore: true */\n  url\n);',
      'throw new Error(`${isESM ? "import()" : "require"} failed`);',
      "// import('commented')",
      "const re = /import\\(x\\)/;",
      'const d = { import(x) { return x; } }.import(1);',
      'const e = import("./data.json", { with: { type: "json" } });',
    ].join('\n');
    expect(rewriteDynamicImports(code, ts)).toBe(
      [
        'const a = await __cgDynamicImport("undici");',
        'const b = isESM ? await __cgDynamicImport(pathToFileURL(p).href) : require(p);',
        'const c = __cgDynamicImport(\n  /* webpackIgnore: true */\n  url\n);',
        'throw new Error(`${isESM ? "import()" : "require"} failed`);',
        "// import('commented')",
        "const re = /import\\(x\\)/;",
        'const d = { import(x) { return x; } }.import(1);',
        'const e = __cgDynamicImport("./data.json", { with: { type: "json" } });',
      ].join('\n'),
    );
  });

  it('leaves none behind', () => {
    const rewritten = rewriteDynamicImports('f(import("a"), () => import(`b${c}`));', ts);
    expect(importCalls(rewritten, ts)).toEqual([]);
  });
});
