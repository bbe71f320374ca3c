/**
 * A record's fingerprint, to tell an unchanged record from a changed one without keeping a copy:
 * JSON with object keys sorted (so key order from the API does not count as a change), hashed.
 * Every record of every page goes through here, so both steps avoid intermediate arrays and use
 * node's one-shot `crypto.hash` (no Hash object per record); the output is unchanged, so ledgers
 * written before still match.
 */
import { hash } from 'node:crypto';

export function recordHash(value: unknown): string {
  return hash('sha1', stableJson(value), 'base64url');
}

export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + stableJson(v);
  }
  return out + '}';
}
