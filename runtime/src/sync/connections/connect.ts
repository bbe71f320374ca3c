/**
 * Connections: one tenant's credentials for a connector, kept sealed in the store, and
 * `connect(factory, id)` to get a connector bound to them. Each call builds its own connector
 * instance, so every tenant has its own rate limiter, connection pool and token state: one tenant
 * can neither starve another nor see its token.
 *
 * OAuth2 tokens go through the store: loaded from it, and saved with compare-and-set on a version,
 * so a process never overwrites tokens another process saved after it loaded (a rotated refresh
 * token is saved, and only then used, by the runtime's token cache). A refresh runs under a lease
 * in the store (`token:<id>`), so across processes one refreshes and the others adopt its tokens. A refused refresh marks the
 * connection `stale` in the store and emits `connection.stale` with a re-authorization hint; later
 * `connect` calls refuse a stale connection until its credentials are saved again.
 */
import type { OAuth2Tokens, TokenStore } from '../../client-api.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { SyncError } from '../errors.js';
import { newHolder } from '../lease.js';
import type { SyncStore } from '../store/store.js';
import type { SecretBox } from './secret-box.js';

export interface ConnectionEvent {
  readonly type: 'connection.stale';
  readonly connectionId: string;
  readonly reason: string;
  readonly hint: string;
}

export interface ConnectionDeps {
  readonly store: SyncStore;
  readonly box: SecretBox;
  /** Store timestamps, the refresh lease, and the connector's own clock (token expiry, backoff). */
  readonly clock?: Clock;
  readonly onEvent?: (event: ConnectionEvent) => void;
}

/** Connector options as `createXxxConnector(options)` takes them; credentials under `auth`. */
export type ConnectionOptions = Readonly<Record<string, unknown>>;

export async function saveConnection(deps: ConnectionDeps, connection: { id: string; connector: string; options: ConnectionOptions }): Promise<void> {
  const { auth, ...rest } = connection.options as { auth?: { tokens?: OAuth2Tokens } & Record<string, unknown> };
  // Tokens live in their own sealed column, where the compare-and-set guards them.
  const { tokens, ...credentials } = auth ?? {};
  const options = auth ? { ...rest, auth: credentials } : rest;
  await deps.store.putConnection(
    { id: connection.id, connector: connection.connector, credentials: deps.box.seal(options), ...(tokens ? { tokens: deps.box.seal(tokens) } : {}) },
    (deps.clock ?? systemClock).now(),
  );
}

export async function connect<T extends object>(factory: (options: Record<string, unknown>) => T, connectionId: string, deps: ConnectionDeps): Promise<T> {
  const { store, box } = deps;
  const clock = deps.clock ?? systemClock;
  const record = await store.getConnection(connectionId);
  if (!record) {
    throw new SyncError('CG_SYNC_NO_CONNECTION', `there is no connection "${connectionId}"`, { hint: 'save it first with saveConnection()' });
  }
  if (record.state === 'stale') {
    throw new SyncError('CG_SYNC_CONNECTION_STALE', `connection "${connectionId}" is stale: ${record.staleReason ?? 'its credentials were refused'}`, {
      hint: 'the tenant must re-authorize; save the new credentials with saveConnection()',
    });
  }
  const options = box.open(record.credentials) as Record<string, unknown>;
  const auth = options['auth'] as Record<string, unknown> | undefined;
  if (auth && typeof auth['clientId'] === 'string') {
    options['auth'] = { ...auth, tokenStore: storeTokens(connectionId, deps, clock) };
  }
  if (deps.clock) options['clock'] = deps.clock;
  return watchStale(factory(options), async (reason) => {
    await store.markConnectionStale(connectionId, reason, clock.now());
    deps.onEvent?.({ type: 'connection.stale', connectionId, reason, hint: 'the tenant must re-authorize; save the new credentials with saveConnection()' });
  });
}

/**
 * How long one process may hold a connection's refresh lease, and how often others look again. A
 * holder killed on this host gives the lease up at once (its pid is gone); a live one keeps it this
 * long even when starved of CPU, since a lease that ran out mid-refresh would let a second process
 * spend the refresh token the first has already rotated.
 */
const REFRESH_LEASE_MS = 30_000;
const REFRESH_POLL_MS = 50;

function storeTokens(connectionId: string, deps: ConnectionDeps, clock: Clock): TokenStore {
  let version = 0;
  const holder = newHolder();
  const lease = `token:${connectionId}`;
  return {
    async refreshLock(work) {
      // Long enough for a holder that vanished without releasing to expire, once.
      const waitUntil = clock.now() + 2 * REFRESH_LEASE_MS;
      while (!(await deps.store.acquireLease(lease, holder, clock.now() + REFRESH_LEASE_MS, clock.now()))) {
        if (clock.now() > waitUntil) {
          throw new SyncError('CG_SYNC_REFRESH_BUSY', `another process has been refreshing connection "${connectionId}" for too long`, { hint: 'retry the call' });
        }
        await clock.sleep(REFRESH_POLL_MS);
      }
      try {
        return await work();
      } finally {
        await deps.store.releaseLease(lease, holder);
      }
    },
    async load() {
      const record = await deps.store.getConnection(connectionId);
      version = record?.tokenVersion ?? 0;
      return record?.tokens ? (deps.box.open(record.tokens) as OAuth2Tokens) : undefined;
    },
    async save(tokens) {
      if (!(await deps.store.saveTokens(connectionId, version, deps.box.seal(tokens), clock.now()))) {
        throw new SyncError('CG_SYNC_TOKEN_CONFLICT', `another process saved tokens for connection "${connectionId}" first`, {
          hint: 'run one refresh per connection at a time; reconnect to load the tokens it saved',
        });
      }
      version++;
    },
  };
}

/** The connector with every action watched: an error marked `stale` (a refused refresh) marks the connection. */
function watchStale<T extends object>(connector: T, onStale: (reason: string) => Promise<void>): T {
  const check = async (error: unknown): Promise<never> => {
    if ((error as { stale?: unknown } | null)?.stale === true) await onStale((error as Error).message);
    throw error;
  };
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(connector)) {
    if (typeof value !== 'function' || name === 'close') {
      wrapped[name] = value;
      continue;
    }
    const action = value as ((...args: unknown[]) => Promise<unknown>) & Record<string, unknown>;
    const call = (...args: unknown[]) => action(...args).catch(check);
    // Every method an action carries (`pages` and `all` iterate; `withResponse` and others answer once).
    for (const [method, fn] of Object.entries(action)) {
      if (typeof fn !== 'function') continue;
      const f = fn as (...a: unknown[]) => unknown;
      Object.assign(call, {
        [method]:
          method === 'pages' || method === 'all'
            ? async function* (...args: unknown[]) {
                try {
                  yield* f.apply(action, args) as AsyncIterable<unknown>;
                } catch (error) {
                  await check(error);
                }
              }
            : (...args: unknown[]) => (f.apply(action, args) as Promise<unknown>).catch(check),
      });
    }
    wrapped[name] = call;
  }
  return wrapped as T;
}
