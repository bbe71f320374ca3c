/**
 * Header edits shared by the schemes. Callers may hand us headers in any case, so a scheme's header
 * replaces an existing one case-insensitively instead of sending both `Authorization` and `authorization`.
 */

export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  // for-in rather than Object.keys: this runs on every authenticated request.
  for (const key in headers) {
    if (key !== lower && key.toLowerCase() === lower) delete headers[key];
  }
  headers[lower] = value;
}

/** Adds `name=value` to the `cookie` header, after any cookies the request already carries. */
export function appendCookie(headers: Record<string, string>, name: string, value: string): void {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
  const existing = key === undefined ? '' : (headers[key] ?? '').trim();
  if (key !== undefined && key !== 'cookie') delete headers[key];
  const pair = `${name}=${cookieValue(value)}`;
  headers.cookie = existing === '' ? pair : `${existing.replace(/;\s*$/, '')}; ${pair}`;
}

// RFC 6265 cookie-octet excludes controls, whitespace, DQUOTE, comma, semicolon and backslash; keys
// with such characters are percent-encoded (what servers decoding with decodeURIComponent expect).
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

function cookieValue(value: string): string {
  return COOKIE_OCTETS.test(value) ? value : encodeURIComponent(value);
}

/** `Bearer abc` from preamble `Bearer` and value `abc`; the value alone when there is no preamble. */
export function withPreamble(preamble: string | undefined, value: string): string {
  const text = preamble?.trim();
  return text ? `${text} ${value}` : value;
}
