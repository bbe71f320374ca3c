/**
 * Flags and connections shared by the commands that use the job queue (`sync worker`, `sync
 * enqueue`, `rpa enqueue`): the Redis URL, checked once at start so a wrong URL is a clear error
 * (`CG_QUEUE_REDIS`, password hidden) instead of a command that waits forever.
 */
import { Flags } from '@oclif/core';
import type { Redis } from 'ioredis';
import { ConnectgenError } from '../diagnostics/errors.js';

export const REDIS_ENV = 'CONNECTGEN_REDIS_URL';

export const redisFlag = Flags.string({
  description: `Redis URL of the job queue, e.g. redis://127.0.0.1:6379 (rediss:// for TLS)`,
  env: REDIS_ENV,
  required: true,
});

/** Connects to Redis; runtime errors become CLI errors with their code and hint. Loaded on use: BullMQ is only needed here. */
export async function openRedis(url: string): Promise<Redis> {
  const { connectRedis } = await import('@connectgen/runtime/queue');
  try {
    return await connectRedis(url, (error) => process.stderr.write(`warning ${error.message} (retrying)\n`));
  } catch (error) {
    throw asCliError(error);
  }
}

/** A runtime error with a code (SyncError) as a `ConnectgenError` the base command prints. */
export function asCliError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: string; hint?: string; pointer?: string };
  if (!(error instanceof Error) || typeof e.code !== 'string' || !e.code.startsWith('CG_')) return error;
  return new ConnectgenError(e.code, error.message, { ...(e.hint ? { hint: e.hint } : {}), ...(e.pointer ? { pointer: e.pointer } : {}), cause: error });
}
