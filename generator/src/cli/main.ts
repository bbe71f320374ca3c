/**
 * The CLI's start, after bin/run.js chose the bundle or the modules tsc wrote (launch.ts). Both run
 * this same code; the bundle points oclif at its own copies of the commands and hooks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execute, type Interfaces } from '@oclif/core';
import { bundledEntry } from './launch.js';
import { PACKAGE_ROOT, refreshManifest } from './manifest.js';

export async function main(options: { readonly bundled: boolean }): Promise<void> {
  // With a current manifest oclif imports only the command being run (manifest.ts).
  await refreshManifest();
  await execute({ loadOptions: { root: PACKAGE_ROOT, ...(options.bundled ? { pjson: bundledPackageJson(PACKAGE_ROOT) } : {}) } });
}

/**
 * package.json as oclif reads it, with commands and hooks taken from the bundle: commands through
 * the table in commands.ts (oclif's explicit strategy), hooks from their bundled entries. The
 * manifest, written from the command files, still gives every command's flags and help.
 */
export function bundledPackageJson(root: string): Interfaces.PJSON {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Interfaces.PJSON;
  const hooks = Object.fromEntries(Object.entries(pjson.oclif.hooks ?? {}).map(([event, targets]) => [event, hookTargets(targets).map((target) => bundledEntry(target).path)]));
  return {
    ...pjson,
    oclif: {
      ...pjson.oclif,
      commands: { strategy: 'explicit', target: bundledEntry('./dist/cli/commands.js').path, identifier: 'COMMANDS' },
      hooks,
    },
  };
}

/** Hook files as package.json names them: one path or several. */
export function hookTargets(targets: unknown): string[] {
  const list = Array.isArray(targets) ? targets : [targets];
  if (!list.every((target): target is string => typeof target === 'string')) throw new Error('oclif.hooks in package.json: the bundle supports hook file paths only');
  return list;
}
