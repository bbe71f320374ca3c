/**
 * A record's fingerprint, to tell an unchanged record from a changed one without keeping a copy:
 * JSON with object keys sorted (so key order from the API does not count as a change), hashed.
 */
import { createHash } from 'node:crypto';

export function recordHash(value: unknown): string {
  return createHash('sha1').update(stableJson(value)).digest('base64url');
}

export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
