// A sync run in a child process, for the kill-and-resume tests: argv[2] is JSON
// { origin, target?, store, operations, definition }. It builds connectors for the records API the way
// generated code does, runs the sync once against the store (an SQLite file or a postgres:// URL)
// and prints the run record.
import { createClient } from '@connectgen/runtime';
import { openStore, runSync } from '@connectgen/runtime/sync';

const config = JSON.parse(process.argv[2]);

function connector(origin) {
  const client = createClient({ name: 'records', version: '1.0.0', servers: [{ url: origin }], auth: {}, retry: { maxAttempts: 1 } }, { rateLimit: false });
  const actions = { close: () => client.close() };
  for (const [name, op] of Object.entries(config.operations)) {
    actions[name] = op.pagination ? client.paginatedAction(op) : client.action(op);
  }
  return actions;
}

const source = connector(config.origin);
const target = config.target ? connector(config.target) : undefined;
const store = await openStore(config.store);
const definition = {
  ...config.definition,
  source: { ...config.definition.source, connector: source },
  destination: target ? { ...config.definition.destination, connector: target } : config.definition.destination,
};
const run = await runSync(definition, { store });
await store.close();
await source.close();
await target?.close();
process.stdout.write(JSON.stringify(run));
