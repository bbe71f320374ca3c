/**
 * The bundled CLI's command table, for oclif's `explicit` command strategy (main.ts points oclif
 * here when it runs from dist/bundle/). A command's module is imported only when that command
 * runs, as oclif does from the manifest for the unbundled CLI: `generate` never loads the sync
 * engine, SQLite or Spectral. The flags, arguments and help of every command still come from
 * oclif.manifest.json, which is written from the command files themselves (manifest.ts).
 *
 * commands.test.ts holds this table to the files in commands/, so a new command cannot be left out.
 */
import type { Command, Config } from '@oclif/core';

/** A command file's default export, as oclif runs it: a concrete subclass of Command. */
type CommandClass = (new (argv: string[], config: Config) => Command) & Pick<typeof Command, 'id' | 'plugin' | 'run'>;
type CommandModule = { default: CommandClass };

const LOADERS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  check: () => import('../commands/check.js'),
  convert: () => import('../commands/convert.js'),
  diff: () => import('../commands/diff.js'),
  generate: () => import('../commands/generate.js'),
  lint: () => import('../commands/lint.js'),
  map: () => import('../commands/map.js'),
  publish: () => import('../commands/publish.js'),
  regenerate: () => import('../commands/regenerate.js'),
  'rpa:enqueue': () => import('../commands/rpa/enqueue.js'),
  'rpa:run': () => import('../commands/rpa/run.js'),
  'rpa:runs': () => import('../commands/rpa/runs.js'),
  'sync:audit': () => import('../commands/sync/audit.js'),
  'sync:conflicts': () => import('../commands/sync/conflicts.js'),
  'sync:dead-letters': () => import('../commands/sync/dead-letters.js'),
  'sync:enqueue': () => import('../commands/sync/enqueue.js'),
  'sync:records': () => import('../commands/sync/records.js'),
  'sync:run': () => import('../commands/sync/run.js'),
  'sync:schedule': () => import('../commands/sync/schedule.js'),
  'sync:status': () => import('../commands/sync/status.js'),
  'sync:worker': () => import('../commands/sync/worker.js'),
  'webhooks:serve': () => import('../commands/webhooks/serve.js'),
};

/**
 * What oclif needs of a command before it runs it: a static `run`. oclif sets `id` and `plugin`
 * on it as on a command class; they are handed on to the real class, which reads them.
 */
interface DeferredCommand {
  id?: string;
  plugin?: (typeof Command)['plugin'];
  run(argv: string[], config: Config): Promise<unknown>;
}

function deferred(load: () => Promise<CommandModule>): DeferredCommand {
  return {
    async run(argv, config) {
      const { default: command } = await load();
      command.id = this.id!;
      command.plugin = this.plugin;
      return command.run(argv, config);
    },
  };
}

export const COMMANDS: Readonly<Record<string, DeferredCommand>> = Object.fromEntries(
  Object.entries(LOADERS).map(([id, load]) => [id, deferred(load)]),
);

/** The ids in the table, for the test that compares them with commands/. */
export const COMMAND_IDS: readonly string[] = Object.keys(LOADERS);
