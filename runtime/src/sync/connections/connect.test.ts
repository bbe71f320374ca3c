import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../client.js';
import type { ConnectorDefinition } from '../../definition.js';
import { json, startServer } from '../../testing/server.js';
import { TestClock } from '../../testing/clock.js';
import { tenantItemsOperation } from '../../testing/tenant-token-server.js';
import { startTokenServer } from '../../testing/token-server.js';
import { runSync } from '../engine/run.js';
import { openSqliteStore, type SqliteSyncStore } from '../store/sqlite/store.js';
import { connect, saveConnection, type ConnectionEvent } from './connect.js';
import { createSecretBox, secretKeyFromEnv } from './secret-box.js';

let dir: string;
let store: SqliteSyncStore;
const box = createSecretBox(randomBytes(32));
/** Offset-paged `/items`, the shape every API in these tests serves. */
const list = tenantItemsOperation;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-conn-'));
  store = openSqliteStore(path.join(dir, 'sync.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function apiKeyFactory(origin: string) {
  const definition: ConnectorDefinition = { name: 'tenants', version: '1', servers: [{ url: origin }], auth: { key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } };
  return (options: Record<string, unknown>) => {
    const client = createClient(definition, options);
    return { listItems: client.paginatedAction(list), close: () => client.close() };
  };
}

/** A connector whose API at `origin` uses OAuth2 from `tokens`. */
function oauthFactory(origin: string, tokens: { tokenUrl: string; origin: string }) {
  const definition: ConnectorDefinition = {
    name: 'oauth',
    version: '1',
    servers: [{ url: origin }],
    auth: { oauth: { type: 'oauth2', grant: 'authorization_code', tokenUrl: tokens.tokenUrl, authorizationUrl: `${tokens.origin}/authorize` } },
  };
  return (options: Record<string, unknown>) => {
    const client = createClient(definition, options);
    return { listItems: client.paginatedAction(list), close: () => client.close() };
  };
}

describe('connections', () => {
  it('keeps credentials sealed at rest and refuses the wrong key', async () => {
    await saveConnection({ store, box }, { id: 'acme', connector: 'tenants', options: { auth: { apiKey: 'acme-key-5e1f9a' } } });
    const bytes = ['sync.db', 'sync.db-wal'].filter((f) => existsSync(path.join(dir, f))).map((f) => readFileSync(path.join(dir, f)).toString('latin1')).join('');
    expect(bytes).not.toContain('acme-key-5e1f9a');
    const other = createSecretBox(randomBytes(32));
    await expect(connect(apiKeyFactory('http://127.0.0.1:9'), 'acme', { store, box: other })).rejects.toMatchObject({ code: 'CG_SYNC_SECRET_KEY' });
    expect(() => secretKeyFromEnv({ CONNECTGEN_SECRET_KEY: 'short' })).toThrow(/32-byte/);
    expect(secretKeyFromEnv({ CONNECTGEN_SECRET_KEY: randomBytes(32).toString('base64') })).toHaveLength(32);
  });

  it('syncs 20 tenants at once, each request with its own tenant key and state kept per connection', async () => {
    const seen: string[] = [];
    const server = await startServer((req, res) => {
      const key = String(req.headers['x-api-key']);
      const tenant = key.replace(/^key-/, '');
      seen.push(key);
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset') ?? 0);
      const items = Array.from({ length: 12 }, (_, i) => ({ id: `${tenant}-${i}`, tenant })).slice(offset, offset + 5);
      json(res, 200, { items });
    });
    try {
      const tenants = Array.from({ length: 20 }, (_, i) => `t${i}`);
      for (const t of tenants) await saveConnection({ store, box }, { id: t, connector: 'tenants', options: { auth: { apiKey: `key-${t}` } } });
      const runs = await Promise.all(
        tenants.map(async (t) => {
          const connector = await connect(apiKeyFactory(server.origin), t, { store, box });
          try {
            return await runSync({ id: 'items', mode: 'full', idPath: 'id', source: { connector, action: 'listItems' }, destination: { store: 'items' } }, { store, connectionId: t });
          } finally {
            await connector.close();
          }
        }),
      );
      expect(runs.every((r) => r.status === 'succeeded' && r.counts.created === 12)).toBe(true);
      const stored = await store.listRecords('items', { limit: 1000 });
      expect(stored).toHaveLength(240);
      expect(stored.every((r) => (r.data as { tenant: string }).tenant === r.id.split('-')[0])).toBe(true);
      expect(new Set(seen)).toEqual(new Set(tenants.map((t) => `key-${t}`)));
      expect((await store.listRuns({ limit: 100 })).map((r) => r.connectionId).sort()).toEqual([...tenants].sort());
    } finally {
      await server.close();
    }
  });

  it('refreshes once across clients of one connection (a lease in the store); the others adopt the stored tokens', async () => {
    const tokens = await startTokenServer({ delayMs: 50 });
    const api = await startServer((req, res) => (req.headers.authorization === 'Bearer at-2' ? json(res, 200, { items: [] }) : json(res, 401, {})));
    const factory = oauthFactory(api.origin, tokens);
    try {
      const credentials = { clientId: tokens.clientId, clientSecret: tokens.clientSecret, tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1 } };
      await saveConnection({ store, box }, { id: 'acme', connector: 'oauth', options: { auth: credentials } });
      // One canned answer: a second refresh would reach the real logic, which does not know rt-1 and refuses it.
      tokens.queue({ status: 200, body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 3600, token_type: 'Bearer' } });
      const clients = await Promise.all(Array.from({ length: 5 }, () => connect(factory, 'acme', { store, box })));
      const results = await Promise.all(clients.map((c) => c.listItems({})));
      expect(results).toEqual(Array.from({ length: 5 }, () => ({ items: [] })));
      expect(tokens.requests.filter((r) => r.params['grant_type'] === 'refresh_token')).toHaveLength(1);
      expect(box.open((await store.getConnection('acme'))!.tokens!)).toMatchObject({ refreshToken: 'rt-2' });
      await Promise.all(clients.map((c) => c.close()));
    } finally {
      await api.close();
      await tokens.close();
    }
  });

  it("refreshes before expiry on the connection's clock, so the API never sees an expired token", async () => {
    const tokens = await startTokenServer();
    const seen: string[] = [];
    const api = await startServer((req, res) => {
      seen.push(String(req.headers.authorization));
      json(res, 200, { items: [] });
    });
    const clock = new TestClock();
    const factory = oauthFactory(api.origin, tokens);
    try {
      // A 100 s token: the refresh buffer (60 s by default) is capped at half its life, 50 s.
      const credentials = { clientId: tokens.clientId, clientSecret: tokens.clientSecret, tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: clock.now() + 100_000 } };
      await saveConnection({ store, box, clock }, { id: 'acme', connector: 'oauth', options: { auth: credentials } });
      tokens.queue({ status: 200, body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 100, token_type: 'Bearer' } });
      const connector = await connect(factory, 'acme', { store, box, clock });
      await connector.listItems({});
      await clock.sleep(49_000);
      await connector.listItems({});
      expect(tokens.requests).toHaveLength(0);
      await clock.sleep(2_000); // 51 s in: due, 49 s before it expires
      await connector.listItems({});
      await connector.close();
      expect(seen).toEqual(['Bearer at-1', 'Bearer at-1', 'Bearer at-2']);
      expect(tokens.requests.map((r) => r.params['refresh_token'])).toEqual(['rt-1']);
      expect(box.open((await store.getConnection('acme'))!.tokens!)).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: clock.now() + 100_000 });
    } finally {
      await api.close();
      await tokens.close();
    }
  });

  it('saves a rotated refresh token sealed with compare-and-set, and marks a connection whose refresh is refused stale', async () => {
    const tokens = await startTokenServer();
    const api = await startServer((req, res) => {
      if (req.headers.authorization !== 'Bearer at-2') return json(res, 401, { error: 'expired' });
      json(res, 200, { items: [{ id: '1' }] });
    });
    const factory = oauthFactory(api.origin, tokens);
    const events: ConnectionEvent[] = [];
    try {
      const credentials = { clientId: tokens.clientId, clientSecret: tokens.clientSecret, tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1 } };
      await saveConnection({ store, box }, { id: 'acme', connector: 'oauth', options: { auth: credentials } });
      const before = (await store.getConnection('acme'))!.tokenVersion;
      tokens.queue({ status: 200, body: { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 3600, token_type: 'Bearer' } });
      const connector = await connect(factory, 'acme', { store, box, onEvent: (e) => events.push(e) });
      expect(await connector.listItems({})).toEqual({ items: [{ id: '1' }] });
      expect((await connector.listItems.withResponse({})).status).toBe(200);
      await connector.close();
      const saved = (await store.getConnection('acme'))!;
      expect(saved.tokenVersion).toBe(before + 1);
      expect(box.open(saved.tokens!)).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2' });
      expect(saved.tokens).not.toContain('rt-2');
      // A process holding the old version cannot overwrite what was saved after it loaded.
      expect(await store.saveTokens('acme', before, box.seal({ accessToken: 'x' }), 0)).toBe(false);

      // The access token expires and the token server refuses the refresh: stale, with an event.
      await store.saveTokens('acme', saved.tokenVersion, box.seal({ accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: 1 }), 0);
      tokens.queue({ status: 400, body: { error: 'invalid_grant' } });
      const again = await connect(factory, 'acme', { store, box, onEvent: (e) => events.push(e) });
      await expect(again.listItems({})).rejects.toMatchObject({ stale: true });
      await again.close();
      expect((await store.getConnection('acme'))?.state).toBe('stale');
      expect(events).toMatchObject([{ type: 'connection.stale', connectionId: 'acme', hint: expect.stringMatching(/re-authorize/) }]);
      await expect(connect(factory, 'acme', { store, box })).rejects.toMatchObject({ code: 'CG_SYNC_CONNECTION_STALE' });
    } finally {
      await api.close();
      await tokens.close();
    }
  });
});
