/**
 * 100 connections syncing at once against a provider that rotates refresh tokens and expires access
 * tokens every 2 s: four worker processes (real node processes on the built runtime) share one
 * SQLite store file; each connection is served by two of them, each running its own sync on it at
 * the same time (so both need its token at once), and workers are SIGKILLed mid-run and restarted. The provider is strict: a refresh token presented twice is refused. Afterwards:
 * - no API request carried another tenant's token;
 * - one refresh per expiry per connection: no refresh token was presented twice, and none was
 *   refreshed before its token was due (half its lifetime, the policy's cap on the buffer);
 * - no refresh token was lost: every connection is active and the store holds the last refresh token
 *   the provider issued for it.
 * Tokens live on real time here (the provider and four processes share no injectable clock); the
 * test asserts counts and orders, never durations: a slow machine only makes refreshes later.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OAuth2Tokens } from '../../client-api.js';
import type { ConnectorDefinition, TokenExpirySignal } from '../../definition.js';
import { startTenantTokenServer, tenantItemsOperation, type ExpiryStyle, type TenantTokenServer } from '../../testing/tenant-token-server.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import { saveConnection } from './connect.js';
import { createSecretBox } from './secret-box.js';

const CHILD = path.resolve(import.meta.dirname, '../../testing/connections-child.mjs');
const TENANTS = 100;
const WORKERS = 4;
const LIFETIME_MS = 2_000;
/** Each connection syncs until it has read with its third token: two refreshes at least. */
const GOAL = 3;
const KILLS = 4;
const STYLES: readonly ExpiryStyle[] = ['401', '403', 'body'];
const SIGNALS: Record<ExpiryStyle, readonly TokenExpirySignal[] | undefined> = {
  '401': undefined,
  '403': [{ status: 403 }],
  body: [{ path: 'error.code', equals: 'token_expired' }],
};

let dir: string;
let server: TenantTokenServer;
let store: SqliteSyncStore;
const key = randomBytes(32);
const box = createSecretBox(key);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-conns-'));
  server = await startTenantTokenServer({ lifetimeMs: LIFETIME_MS, itemsPerTenant: 12 });
  store = openSqliteStore(path.join(dir, 'sync.db'));
});
afterEach(async () => {
  await store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Exit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Worker {
  readonly sync: string;
  readonly tenants: readonly string[];
  child?: ChildProcess;
  exited?: Promise<Exit>;
  running: boolean;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(worker: Worker, config: object): Promise<Exit> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ ...config, sync: worker.sync, tenants: worker.tenants })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  worker.child = child;
  worker.running = true;
  worker.exited = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      worker.running = false;
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return worker.exited;
}

async function storedRefreshToken(tenant: string): Promise<string | undefined> {
  const sealed = (await store.getConnection(tenant))?.tokens;
  return sealed ? (box.open(sealed) as OAuth2Tokens).refreshToken : undefined;
}

/**
 * With the token endpoint held, waits until every refresh token the provider issued is in the store.
 * A kill before that would lose one in the only window no client can close (see tenant-token-server).
 */
async function settled(tenants: readonly string[]): Promise<void> {
  for (let i = 0; ; i++) {
    const pending: string[] = [];
    for (const t of tenants) if ((await storedRefreshToken(t)) !== server.latestRefreshToken(t)) pending.push(t);
    if (pending.length === 0) return;
    if (i > 2_000) throw new Error(`refresh tokens issued but never saved for ${pending.join(', ')}`);
    await pause(10);
  }
}

it('100 connections at once: no cross-tenant token, one refresh per expiry, no refresh token lost across SIGKILLs', { timeout: 180_000 }, async () => {
  const tenants = Array.from({ length: TENANTS }, (_, i) => `t${String(i).padStart(3, '0')}`);
  const definition: ConnectorDefinition = {
    name: 'tenants',
    version: '1',
    servers: [{ url: server.origin }],
    auth: { oauth: { type: 'oauth2', grant: 'authorization_code', tokenUrl: server.tokenUrl, authorizationUrl: `${server.origin}/authorize` } },
    // The token endpoint is held (503) around each kill: calls wait it out.
    retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 400 },
  };
  for (const [i, t] of tenants.entries()) {
    const style = STYLES[i % STYLES.length]!;
    const signals = SIGNALS[style];
    const auth = { clientId: server.clientId, clientSecret: server.clientSecret, tokens: server.mint(t, style), ...(signals ? { expirySignals: signals } : {}) };
    await saveConnection({ store, box }, { id: t, connector: 'tenants', options: { baseUrl: `${server.origin}/tenants/${t}`, auth } });
  }

  const config = { db: path.join(dir, 'sync.db'), key: key.toString('base64'), goal: GOAL, definition, operation: tenantItemsOperation };
  // Every connection is served by two workers, so two processes really compete for its refresh.
  const workers: Worker[] = Array.from({ length: WORKERS }, (_, w) => ({
    sync: `sync-${w}`,
    tenants: tenants.filter((_, i) => i % WORKERS === w || (i + 1) % WORKERS === w),
    running: false,
  }));
  let kills = 0;
  const supervise = async (worker: Worker): Promise<Exit> => {
    for (;;) {
      const exit = await start(worker, config);
      if (exit.signal !== 'SIGKILL') return exit;
    }
  };
  const finals = Promise.all(workers.map(supervise));
  const killer = (async () => {
    while (kills < KILLS) {
      await pause(200 + Math.floor(Math.random() * 300));
      const alive = workers.filter((w) => w.running);
      const victim = alive[Math.floor(Math.random() * alive.length)];
      if (!victim) return;
      server.hold();
      try {
        await settled(tenants);
        if (!victim.running) continue;
        victim.child!.kill('SIGKILL');
        if ((await victim.exited!).signal === 'SIGKILL') kills++;
      } finally {
        server.release();
      }
    }
  })();
  const exits = await finals;
  await killer;

  for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
  const summaries = exits.map((e) => JSON.parse(e.stdout) as { events: unknown[]; errors: Record<string, number> });
  expect(kills).toBeGreaterThanOrEqual(2);

  // No request carried another tenant's token, out of many.
  expect(server.crossTenant).toEqual([]);
  expect(server.apiRequests.count).toBeGreaterThan(TENANTS * GOAL);

  // One refresh per expiry: no refresh token presented twice, none refreshed while it had more than
  // half its life left, and every connection went through at least GOAL - 1 expiries.
  expect(server.refused, JSON.stringify(server.refused.slice(0, 5))).toEqual([]);
  const early = server.refreshes.filter((r) => r.ageMs < LIFETIME_MS / 2 - 10);
  expect(early, JSON.stringify(early.slice(0, 5))).toEqual([]);
  for (const t of tenants) {
    const generations = server.refreshes.filter((r) => r.tenant === t).map((r) => r.generation);
    expect(generations.length, t).toBeGreaterThanOrEqual(GOAL - 1);
    expect(generations, t).toEqual(Array.from({ length: generations.length }, (_, i) => i + 1));
  }

  // No refresh token lost: every connection is active and holds the provider's latest refresh token.
  for (const t of tenants) {
    expect((await store.getConnection(t))?.state, t).toBe('active');
    expect(await storedRefreshToken(t), t).toBe(server.latestRefreshToken(t));
  }
  for (const worker of workers) {
    const records = await store.getRecords(worker.sync, worker.tenants.map((t) => `${t}-0`));
    for (const t of worker.tenants) expect((records.get(`${t}-0`)?.data as { generation: number } | undefined)?.generation, `${worker.sync} ${t}`).toBeGreaterThanOrEqual(GOAL);
  }
  expect(summaries.flatMap((s) => s.events)).toEqual([]);
});
