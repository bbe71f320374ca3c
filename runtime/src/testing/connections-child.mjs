// A sync worker process for the many-connections test: argv[2] is JSON
// { db, key, sync, tenants, goal, definition, operation }. For each of its tenants it connects (tokens
// from the shared SQLite store, a refresh lease per connection) and runs its sync (`sync`, into the
// collection of that name) again and again until the stored records were read with a token of
// generation `goal` or later, i.e. until that connection has been refreshed `goal - 1` times.
// Workers share tenants and the store file but run different syncs, so two processes call the API of
// one connection at the same time; the test SIGKILLs and restarts them. Prints a summary as JSON.
import { createClient } from '@connectgen/runtime';
import { connect, createSecretBox, openSqliteStore, runSync } from '@connectgen/runtime/sync';

const config = JSON.parse(process.argv[2]);
const store = openSqliteStore(config.db);
const box = createSecretBox(Buffer.from(config.key, 'base64'));
const events = [];
const deps = { store, box, onEvent: (event) => events.push(event) };

const factory = (options) => {
  const client = createClient(config.definition, options);
  return { listItems: client.paginatedAction(config.operation), close: () => client.close() };
};

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const errors = {};

async function generationOf(tenant) {
  const record = (await store.getRecords(config.sync, [`${tenant}-0`])).get(`${tenant}-0`);
  return record?.data?.generation ?? 0;
}

async function work(tenant) {
  const connector = await connect(factory, tenant, deps).catch((error) => {
    if (error.code === 'CG_SYNC_CONNECTION_STALE') return undefined; // the test reads the state from the store
    throw error;
  });
  if (!connector) return;
  try {
    while ((await generationOf(tenant)) < config.goal) {
      if ((await store.getConnection(tenant))?.state === 'stale') return;
      try {
        const run = await runSync(
          { id: config.sync, mode: 'full', idPath: 'id', source: { connector, action: 'listItems' }, destination: { store: config.sync } },
          { store, connectionId: tenant },
        );
        if (run.status !== 'succeeded') errors[`run ${run.status}`] = (errors[`run ${run.status}`] ?? 0) + 1;
        // A sync every so often, as a schedule would, rather than as fast as the CPU allows.
        await pause(150);
      } catch (error) {
        const code = `${error.code ?? error.name}: ${error.message}`;
        errors[code] = (errors[code] ?? 0) + 1;
        await pause(20);
      }
    }
  } finally {
    await connector.close();
  }
}

await Promise.all(config.tenants.map(work));
await store.close();
process.stdout.write(JSON.stringify({ events, errors }));
