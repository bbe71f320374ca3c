// A sync queue worker in a child process, for the scale-out tests: argv[2] is JSON
// { redis, store (an SQLite file or a postgres:// URL), origin, operations, definitions: { id: definition }, worker?: { ...QueueWorkerOptions } }.
// It builds the records API connector the way generated code does, sending its pid in a header so a
// test can tell which worker is mid-run, prints "ready" once it waits for jobs, and on SIGTERM stops
// taking jobs, finishes the running one and exits.
import { createClient } from '@connectgen/runtime';
import { connectRedis, startSyncWorker } from '@connectgen/runtime/queue';
import { openStore } from '@connectgen/runtime/sync';

const config = JSON.parse(process.argv[2]);

function connector(origin) {
  const client = createClient(
    { name: 'records', version: '1.0.0', servers: [{ url: origin }], auth: {}, retry: { maxAttempts: 1 } },
    { rateLimit: false, headers: { 'x-worker-pid': String(process.pid) } },
  );
  const actions = { close: () => client.close() };
  for (const [name, op] of Object.entries(config.operations)) actions[name] = op.pagination ? client.paginatedAction(op) : client.action(op);
  return actions;
}

const source = connector(config.origin);
const store = await openStore(config.store);
const connection = await connectRedis(config.redis);
const worker = startSyncWorker({
  connection,
  store,
  ...config.worker,
  load: async (sync) => {
    const definition = config.definitions[sync];
    if (!definition) throw new Error(`unknown sync ${sync}`);
    return { definition: { ...definition, source: { ...definition.source, connector: source } } };
  },
  onEvent: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
});
await worker.ready();
process.stdout.write('ready\n');

process.once('SIGTERM', async () => {
  await worker.close();
  await store.close();
  await source.close();
  connection.disconnect();
  process.exit(0);
});
