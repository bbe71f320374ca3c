/**
 * What the audit trail and dead letters may keep of a record: a copy with secrets and the fields a
 * sync marks sensitive replaced by a marker. Keys that name secrets (password, token, secret, api
 * key, authorization, card number...) are masked wherever they appear, without being listed.
 */
import { getAll, setPath, toParsedPath } from '../../path/index.js';
import { REDACTED } from '../../http/redact.js';

const SECRET_KEY = /pass(word|wd)?$|secret|token|api[-_]?key|authorization|credential|private[-_]?key|^cvv$|card[-_]?number|^ssn$/i;

export type Masker = (record: unknown) => unknown;

/** A masker for these paths (`ssn`, `card.number`, `contacts[*].phone`) plus secret-looking keys. */
export function createMasker(sensitivePaths: readonly string[] = []): Masker {
  return (record) => {
    const copy = maskSecrets(record); // a deep copy: masking below edits it, never the record
    if (copy === null || typeof copy !== 'object') return copy;
    for (const path of sensitivePaths) maskPath(copy as Record<string, unknown>, path);
    return copy;
  };
}

function maskPath(record: Record<string, unknown>, path: string): void {
  const found = getAll(record, path);
  if (found.length === 0) return;
  try {
    setPath(record, path, toParsedPath(path).multiple ? found.map(() => REDACTED) : REDACTED);
  } catch {
    // A path this record's shape cannot take (an index past a list's end): nothing there to mask.
  }
}

function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const v = record[key];
    out[key] = v !== null && typeof v !== 'object' && isSecretKey(key) ? REDACTED : maskSecrets(v);
  }
  return out;
}

// Records of one sync repeat the same few keys: each is tested against the pattern once.
const secretKeys = new Map<string, boolean>();
const SECRET_KEYS_LIMIT = 4096;

function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeys.size >= SECRET_KEYS_LIMIT) secretKeys.clear();
    secretKeys.set(key, secret);
  }
  return secret;
}
