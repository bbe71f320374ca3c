/**
 * What the CLI tells a user to type must work: every `--flag` a hint names exists on some command,
 * and a mistyped command answers with "did you mean" and the corrected line.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Config } from '@oclif/core';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';

/** Text of every string and template in a `hint: ...` property, from the CLI's sources. */
async function hintTexts(): Promise<{ file: string; text: string }[]> {
  const root = path.join(repoRoot, 'generator', 'src');
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const found: { file: string; text: string }[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, await readFile(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const collect = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) found.push({ file, text: node.text });
      ts.forEachChild(node, collect);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'hint') collect(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('CLI hints', { timeout: 120_000 }, () => {
  it('name only flags that exist', async () => {
    const config = await Config.load(path.join(repoRoot, 'generator'));
    const flags = new Set(['help', 'version']);
    for (const command of config.commands) {
      for (const [name, flag] of Object.entries(command.flags)) {
        flags.add(name);
        if ((flag as { allowNo?: boolean }).allowNo) flags.add(`no-${name}`);
      }
    }
    const hints = await hintTexts();
    expect(hints.length).toBeGreaterThan(50);
    const named = hints.flatMap(({ file, text }) => [...text.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((m) => ({ file, flag: m[1]! })));
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((n) => !flags.has(n.flag))).toEqual([]);
  });

  it('answer a mistyped command with "did you mean" and the corrected line', async () => {
    const [top, sub, nothing] = await Promise.all([
      runCli(['generat', 'specs/petstore/connector.yaml', '--out', 'x']),
      runCli(['sync', 'rnu', 'a.yaml']),
      runCli(['qqqqqqq']),
    ]);
    expect(top.code).toBe(2);
    expect(top.stderr).toMatch(/^error CG_UNKNOWN_COMMAND "generat" .*did you mean "generate"/m);
    expect(top.stderr).toContain('Try this: connectgen generate specs/petstore/connector.yaml --out x');
    expect(sub.stderr).toMatch(/did you mean "sync run"\?/);
    expect(sub.stderr).toContain('Try this: connectgen sync run a.yaml');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/CG_UNKNOWN_COMMAND "qqqqqqq" is not a connectgen command\n {2}Try this: connectgen help/);
  });
});
