/**
 * Redis connections for the queues. BullMQ retries a lost connection forever, which is right for a
 * worker that loses Redis for a moment but wrong at start-up: a mistyped URL would hang silently.
 * So `connectRedis` first checks that Redis answers, once and with a deadline, and says so clearly
 * (`CG_QUEUE_REDIS`, the URL with its password hidden) when it does not.
 */
import { Redis } from 'ioredis';
import { SyncError } from '../errors.js';
import { redactUrl } from '../store/postgres/open.js';

const CONNECT_TIMEOUT_MS = 5_000;

function parseRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SyncError('CG_QUEUE_REDIS_URL', `not a Redis URL: ${redactUrl(url)}`, { hint: 'pass --redis redis://HOST:PORT (rediss:// for TLS), e.g. redis://127.0.0.1:6379' });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new SyncError('CG_QUEUE_REDIS_URL', `not a Redis URL: ${redactUrl(url)} (scheme ${parsed.protocol})`, { hint: 'use redis://HOST:PORT or rediss://HOST:PORT' });
  }
  return parsed;
}

/**
 * A connection BullMQ can share, once Redis has answered a PING. `maxRetriesPerRequest: null` is
 * what BullMQ requires of a worker's connection: commands wait out a reconnect instead of failing.
 */
export async function connectRedis(url: string, onError: (error: Error) => void = () => {}): Promise<Redis> {
  parseRedisUrl(url);
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => {}); // reported by connect() below
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SyncError('CG_QUEUE_REDIS', `cannot reach Redis at ${redactUrl(url)}: ${reason}`, {
      hint: "start Redis (Debian's redis-server package) or fix --redis; the URL looks like redis://HOST:PORT",
      cause: error,
    });
  } finally {
    probe.disconnect();
  }
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // A connection lost later is retried by ioredis; the caller decides whether to say so.
  connection.on('error', (error: Error) => onError(new SyncError('CG_QUEUE_REDIS', `Redis at ${redactUrl(url)}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
  return connection;
}
