/**
 * Secret redaction. Every string that leaves the runtime through an error, a `toJSON()`, an
 * `util.inspect` or a hook event passes through a `Redactor` first, so a token can only leak if
 * nobody told the redactor about it *and* it sits under an innocuous name.
 *
 * Two nets, because either alone misses cases: known secret values (from the auth handler and the
 * user's credentials) are replaced wherever they occur, and values under secret-looking names
 * (query parameters, headers, JSON keys) are replaced whatever they are.
 */

export const REDACTED = '[REDACTED]';
const ENCODED_MARKER = encodeURIComponent(REDACTED);

/**
 * Query parameter / JSON key names whose values are always hidden. Not a bare `code`: vendors put
 * their error codes there (`code`, `error_code`), and an error without its code is useless. The
 * OAuth authorization code only travels in token requests, whose values the auth module registers.
 */
const SECRET_NAME =
  /(^|[-_.])(api[-_]?key|apikey|key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|secret|client[-_]?secret|password|passwd|pwd|pass|signature|sig|auth|authorization|credentials?|session|code[-_]?verifier)$/i;

/** Header names whose values are always hidden. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
]);

export function isSecretName(name: string): boolean {
  // camelCase names (`apiToken`, `clientSecret`) split at the case change the way snake_case does.
  return SECRET_NAME.test(name) || (HAS_CAMEL.test(name) && SECRET_NAME.test(name.replace(CAMEL_BOUNDARY, '$1_$2')));
}

const HAS_CAMEL = /[a-z0-9][A-Z]/;
const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_NAME.test(lower);
}

/** Secrets shorter than this are not substring-replaced: "a" would shred every message. */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  readonly #sources: Array<() => Iterable<string>>;

  constructor(...sources: Array<() => Iterable<string>>) {
    this.#sources = sources;
  }

  /** Current secret values, longest first so a secret containing another is replaced whole. */
  secrets(): string[] {
    const all = new Set<string>();
    for (const source of this.#sources) {
      for (const s of source()) {
        if (typeof s === 'string' && s.length >= MIN_SECRET_LENGTH) {
          all.add(s);
          // Values also travel percent-encoded (query strings) and base64-encoded (Basic auth).
          const encoded = encodeURIComponent(s);
          if (encoded !== s) all.add(encoded);
        }
      }
    }
    return [...all].sort((a, b) => b.length - a.length);
  }

  /** Replaces every known secret value in `text`. */
  text(text: string, secrets: readonly string[] = this.secrets()): string {
    let out = text;
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** A URL without userinfo, with secret-named query values hidden and known secrets replaced. */
  url(input: string | URL, secrets: readonly string[] = this.secrets()): string {
    let url: URL;
    try {
      url = new URL(String(input));
    } catch {
      return this.text(String(input), secrets);
    }
    if (url.username) url.username = 'REDACTED';
    if (url.password) url.password = '';
    for (const name of new Set(url.searchParams.keys())) {
      if (isSecretName(name)) url.searchParams.set(name, REDACTED);
    }
    // URLSearchParams percent-encodes the marker; keep it readable.
    return this.text(url.toString(), secrets).replaceAll(ENCODED_MARKER, REDACTED);
  }

  /** A deep copy of a parsed body with secret-named keys and known secret values hidden. */
  value(value: unknown, secrets: readonly string[] = this.secrets(), depth = 0): unknown {
    if (typeof value === 'string') return this.text(value, secrets);
    if (value === null || typeof value !== 'object' || depth > 20) return value;
    if (Array.isArray(value)) return value.map((v) => this.value(v, secrets, depth + 1));
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretName(key) && v !== null && typeof v !== 'object' ? REDACTED : this.value(v, secrets, depth + 1);
    }
    return out;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A redactor that knows no secret values; still hides secret-named query parameters. */
export const nameOnlyRedactor = new Redactor();
