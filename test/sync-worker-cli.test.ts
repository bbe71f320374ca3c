/**
 * `connectgen sync enqueue` and `connectgen sync worker` as a user runs them: a real Redis, a
 * generated and built connector (Petstore) whose API is a 127.0.0.1 server, a worker process that
 * takes the queued run, and SIGTERM stopping it cleanly. Plus the errors: an unreachable Redis
 * (password hidden) and --schedule on a sync without a schedule. With Chromium, `sync worker --rpa`
 * runs a job `rpa enqueue` queued, its secret read from the worker's environment, and `rpa runs`
 * reads its record from an SQLite file or from PostgreSQL (a real server the test starts).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyncQueue } from '../runtime/src/sync/queue/queue.js';
import { connectRedis } from '../runtime/src/sync/queue/redis.js';
import { openSqliteStore } from '../runtime/src/sync/store/sqlite/store.js';
import { chromiumPath } from '../runtime/src/testing/chromium.js';
import { postgresBinDir, startPostgres } from '../runtime/src/testing/postgres.js';
import { describeWithRedis, freePort, startRedis, type TestRedis } from '../runtime/src/testing/redis.js';
import { startRpaSite } from '../runtime/src/testing/rpa-site.js';
import type { TestServer } from '../runtime/src/testing/server.js';
import { repoRoot, runCli } from './helpers/cli.js';
import { generateAndBuild } from './helpers/generated-package.js';
import { petsOf, startPetsApi } from './helpers/petstore-api.js';

const KEY = 'pk-5d1e-queue-secret';
const pets = petsOf(25);

describeWithRedis('connectgen sync enqueue / sync worker', () => {
  let redis: TestRedis;
  let server: TestServer;
  let dir: string;
  let sync: string;
  /** A sync definition whose connector path is relative to the directory `from` it is written in. */
  let syncText: (id: string, from: string) => string;

  beforeAll(async () => {
    const connectorDir = (await generateAndBuild(path.join(repoRoot, 'specs/petstore/connector.yaml'), 'queue-petstore')).dir;
    redis = await startRedis();
    server = await startPetsApi(KEY, pets);
    dir = await mkdtemp(path.join(tmpdir(), 'cg-queue-cli-'));
    sync = path.join(dir, 'pets.sync.yaml');
    syncText = (id: string, from: string) =>
      [`id: ${id}`, 'mode: full', 'idPath: id', 'pageSize: 10', 'source:', `  connector: ${path.relative(from, connectorDir)}`, '  action: listPets', '  options:', `    baseUrl: ${server.origin}`, '    auth: { apiKey: "${PETSTORE_KEY}" }', 'destination: { store: pets }', ''].join('\n');
    await writeFile(sync, syncText('pets', dir));
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  it('queues a sync once, by its path under --root; a worker with its own copy of the tree elsewhere runs it; SIGTERM stops it cleanly', async () => {
    const first = await runCli(['sync', 'enqueue', sync, '--redis', redis.url, '--root', dir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^sync "pets": queued \(job sync\.pets\.\)/);
    const again = await runCli(['sync', 'enqueue', 'pets.sync.yaml', '--redis', redis.url, '--json'], { cwd: dir }); // --root defaults to the working directory
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ sync: 'pets.sync.yaml', syncId: 'pets', queued: false, state: 'waiting' });

    // The worker's machine: the same tree under another path; the original is not where the worker looks.
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'cg-queue-worker-root-'));
    await writeFile(path.join(elsewhere, 'pets.sync.yaml'), syncText('pets', elsewhere));
    const store = path.join(dir, 'state', 'sync.db');
    const { worker, exited, log } = startWorker(['--redis', redis.url, '--store', store, '--root', elsewhere], { PETSTORE_KEY: KEY });
    try {
      const deadline = Date.now() + 90_000;
      while (!/done connectgen-sync job sync\.pets\./.test(log()) && Date.now() < deadline && worker.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(log()).toMatch(/done connectgen-sync job sync\.pets\.: succeeded run \S+ pages \d+, read 25, created 25/);
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log()).toContain('finishing the running jobs');
    expect(log()).not.toContain(KEY);
    const opened = openSqliteStore(store);
    try {
      expect((await opened.listRecords('pets', { limit: 100 })).map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(pets.map((p) => String(p.id)));
    } finally {
      await opened.close();
    }
  }, 180_000);

  it('refuses to queue a file outside --root, and a worker refuses a job whose path leads out of its root', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'cg-queue-root-'));
    const outside = await runCli(['sync', 'enqueue', sync, '--redis', redis.url, '--root', root]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^error CG_QUEUE_OUTSIDE_ROOT .*pets\.sync\.yaml is not inside the sync root/m);

    // A job put on the queue by something else, naming a real sync file beside the worker's root.
    await writeFile(path.join(path.dirname(root), 'escape.sync.yaml'), syncText('escape', path.dirname(root)));
    const connection = await connectRedis(redis.url);
    const queue = new SyncQueue(connection);
    try {
      await queue.enqueue({ sync: `../escape.sync.yaml`, syncId: 'escape', connectionId: '' });
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const store = path.join(root, 'sync.db');
    const { worker, exited, log } = startWorker(['--redis', redis.url, '--store', store, '--root', root], { PETSTORE_KEY: KEY });
    try {
      const deadline = Date.now() + 90_000;
      while (!/connectgen-sync job sync\.escape\./.test(log()) && Date.now() < deadline && worker.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(log()).toMatch(/failed connectgen-sync job sync\.escape\.: .*CG_QUEUE_PATH_ESCAPES/);
    } finally {
      worker.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const opened = openSqliteStore(store);
    try {
      expect(await opened.listRuns({ syncId: 'escape' })).toEqual([]); // never ran
    } finally {
      await opened.close();
    }
  }, 180_000);

  it('says which Redis it cannot reach, without its password', async () => {
    const url = `redis://queue:s3cret-pass@127.0.0.1:${await freePort()}`;
    const result = await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_QUEUE_REDIS cannot reach Redis at redis:\/\/queue:\*\*\*@127\.0\.0\.1:\d+/m);
    expect(result.stderr).toContain('Try this:');
    expect(result.stderr).not.toContain('s3cret-pass');
  }, 60_000);

  it('refuses --schedule for a sync without a schedule', async () => {
    const result = await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', redis.url, '--schedule']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CG_SYNC_NO_SCHEDULE /m);
  }, 60_000);

  it('schedules a connection on its own cron and time zone, and refuses a bad one before touching Redis', async () => {
    const args = ['sync', 'enqueue', sync, '--root', dir, '--redis', redis.url, '--connection', 'acme', '--schedule'];
    const planned = await runCli([...args, '--cron', '0 6 * * *', '--timezone', 'America/New_York', '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    const next = JSON.parse(planned.stdout) as { connectionId: string; next: number };
    expect(next.connectionId).toBe('acme');
    // 6:00 in New York is 10:00 or 11:00 UTC, depending on daylight saving time.
    expect([10, 11]).toContain(new Date(next.next).getUTCHours());
    expect(new Date(next.next).getUTCMinutes()).toBe(0);
    const text = await runCli([...args, '--cron', '30 2 * * 1']);
    expect(text.stdout).toMatch(/^sync "pets" for connection "acme": scheduled "30 2 \* \* 1", next run \d{4}-/);
    expect((await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', redis.url, '--connection', 'acme', '--unschedule'])).stdout).toContain('schedule removed');

    const unreachable = `redis://127.0.0.1:${await freePort()}`;
    const badCron = await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', unreachable, '--schedule', '--cron', 'every tuesday']);
    expect(badCron.code).toBe(2);
    expect(badCron.stderr).toMatch(/^error CG_SYNC_SCHEDULE --cron: invalid cron expression/m);
    const badZone = await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', unreachable, '--schedule', '--cron', '0 6 * * *', '--timezone', 'Mars/Olympus']);
    expect(badZone.stderr).toMatch(/^error CG_SYNC_SCHEDULE --timezone: unknown time zone "Mars\/Olympus"/m);
    const zoneOnly = await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', unreachable, '--schedule', '--timezone', 'Europe/Berlin']);
    expect(zoneOnly.stderr).toMatch(/^error CG_SYNC_NO_SCHEDULE /m);
    const withoutSchedule = await runCli(['sync', 'enqueue', sync, '--root', dir, '--redis', unreachable, '--cron', '0 6 * * *']);
    expect(withoutSchedule.code).not.toBe(0);
    expect(withoutSchedule.stderr).toMatch(/--schedule/);
  }, 120_000);

  it('rpa enqueue: a secret input goes to Redis as env:NAME only, never as its value', async () => {
    const job = path.join(repoRoot, 'specs/rpa/apply.yaml');
    const common = ['rpa', 'enqueue', job, '--redis', redis.url, '-i', 'baseUrl=http://127.0.0.1:9', '-i', 'name=Ada', '-i', 'email=ada@example.org', '-i', 'plan=pro'];
    const literal = await runCli([...common, '-i', 'password=hunter2-literal']);
    expect(literal.code).toBe(2);
    expect(literal.stderr).toMatch(/^error CG_QUEUE_SECRET_INPUT .*\(at \/inputs\/password\)/m);
    const queued = await runCli([...common, '-i', 'password=env:APPLY_PASSWORD', '--json']);
    expect(queued.code, queued.stderr).toBe(0);
    expect(JSON.parse(queued.stdout)).toMatchObject({ jobId: expect.any(String) });
  }, 60_000);

  // Records in an SQLite file (one machine), or in PostgreSQL beside the sync state (several).
  const rpaWorker = async (kind: 'sqlite' | 'postgres') => {
    const postgres = kind === 'postgres' ? await startPostgres() : undefined;
    const site = await startRpaSite();
    const store = postgres ? await postgres.newDatabase() : path.join(dir, 'rpa', 'connectgen.db');
    const storeArgs = postgres ? ['--postgres', store] : ['--store', store];
    const SECRET = 'hunter2-worker-env';
    const { worker, exited, log } = startWorker(['--redis', redis.url, ...storeArgs, '--rpa', '--chromium', chromiumPath!], { APPLY_PASSWORD: SECRET });
    try {
      const job = path.join(repoRoot, 'specs/rpa/apply.yaml');
      const inputs = ['-i', `baseUrl=${site.origin}`, '-i', 'name=Grace Hopper', '-i', 'email=grace@example.org', '-i', 'plan=pro', '-i', 'password=env:APPLY_PASSWORD'];
      const queued = await runCli(['rpa', 'enqueue', job, '--redis', redis.url, ...inputs, '--json']);
      expect(queued.code, queued.stderr).toBe(0);
      const { jobId } = JSON.parse(queued.stdout) as { jobId: string };
      const finished = () => log().split('\n').find((line) => line.includes(`connectgen-rpa job ${jobId}:`));
      const deadline = Date.now() + 90_000;
      while (!finished() && Date.now() < deadline && worker.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(finished(), log()).toMatch(/ done connectgen-rpa job \S+: succeeded/);
      expect(site.submissions.at(-1)).toMatchObject({ name: 'Grace Hopper', password: SECRET });
    } finally {
      worker.kill('SIGTERM');
      await site.close();
    }
    try {
      expect(await exited).toBe(0);
      expect(log()).not.toContain(SECRET);
      const runs = await runCli(['rpa', 'runs', '--store', store, '--json']);
      expect(runs.code, runs.stderr).toBe(0);
      const listed = JSON.parse(runs.stdout) as { id: string; job: string; status: string }[];
      const run = listed.find((r) => r.status === 'succeeded');
      expect(run).toMatchObject({ job: 'apply-for-permit' });
      expect(runs.stdout).not.toContain(SECRET);
      const shown = await runCli(['rpa', 'runs', run!.id, '--store', store, '--json']);
      expect(JSON.parse(shown.stdout)).toMatchObject({ id: run!.id, outputs: { confirmation: expect.stringMatching(/^CN-\d+$/) } });
    } finally {
      await postgres?.stop();
    }
  };
  const title = 'sync worker --rpa runs a job queued by rpa enqueue in Chromium; rpa runs lists it';
  it.skipIf(!chromiumPath)(`${title} (SQLite)`, () => rpaWorker('sqlite'), 180_000);
  it.skipIf(!chromiumPath || !postgresBinDir)(`${title} (PostgreSQL)${postgresBinDir ? '' : ' [skipped: no PostgreSQL server binaries]'}`, () => rpaWorker('postgres'), 180_000);
});

/** `connectgen sync worker` as a process; `log()` is its stderr so far. */
function startWorker(args: string[], env: Record<string, string>) {
  const worker = spawn(process.execPath, [path.join(repoRoot, 'generator/bin/run.js'), 'sync', 'worker', ...args], {
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  worker.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
  return { worker, exited, log: () => stderr };
}
