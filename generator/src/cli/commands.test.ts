import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from './commands.js';

describe("the bundled CLI's command table", () => {
  it('has one entry per command file, with the id oclif gives that file', () => {
    // As oclif derives ids for the unbundled CLI and its manifest: `sync/run.ts` -> `sync:run`.
    const files = readdirSync(path.join(import.meta.dirname, '..', 'commands'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => file.replace(/\.ts$/, '').split(path.sep).join(':'));
    expect([...COMMAND_IDS].sort()).toEqual(files.sort());
  });

  it('sorts the same by code units as by localeCompare (the bundle sorts oclif\'s commands by code units: bundle.ts)', () => {
    const byLocale = [...COMMAND_IDS].sort((a, b) => a.localeCompare(b));
    expect([...COMMAND_IDS].sort()).toEqual(byLocale);
  });
});
