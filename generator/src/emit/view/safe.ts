/**
 * The only way text from a spec reaches generated source. Templates render with `noEscape`, so every
 * value a view hands to a template must already be safe for the slot it lands in: an identifier, a
 * string literal, a property key, a JSDoc comment or a Markdown cell. A hostile spec (a `*\/` in a
 * description, a backtick or `${` in an enum, a quote or newline in a name, `__proto__` as a key) can
 * then neither break the syntax of the output nor inject code into it.
 */
import { ConnectgenError } from '../../diagnostics/errors.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words that cannot name a binding in strict-mode ES modules or TypeScript declarations. */
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import',
  'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public',
  'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while',
  'with', 'yield', 'arguments', 'eval', 'any', 'boolean', 'never', 'number', 'object', 'string', 'symbol',
  'undefined', 'unknown', 'bigint',
]);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/**
 * A name the IR promised is a valid identifier. Emit re-checks rather than trusts: a name that slips
 * through is a connectgen bug, and failing here beats writing a package that does not parse.
 */
export function identifier(name: string): string {
  if (!isIdentifier(name)) {
    throw new ConnectgenError('CG_EMIT_BAD_IDENTIFIER', `${JSON.stringify(name)} is not a safe identifier`, {
      hint: 'rename the action or schema in connector.yaml; this is also a connectgen bug worth reporting',
    });
  }
  return name;
}

/**
 * A double-quoted string literal. JSON.stringify escapes quotes, backslashes, control characters and
 * lone surrogates; U+2028/U+2029 are escaped too so older parsers and tools never see a line break
 * inside a literal. Backticks and `${` are inert inside double quotes.
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(INVISIBLE, escapeCodePoint);
}

/**
 * Line separators, and the bidirectional controls of "Trojan Source" (CVE-2021-42574), which make
 * code display differently from how it parses: written as `\uXXXX` escapes wherever spec text lands
 * (literals, JSON, comments, Markdown), so the output shows what it holds and loses nothing.
 */
const INVISIBLE = /[\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON text (a manifest, package.json) with the invisible characters above escaped; still valid JSON. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeInvisible(JSON.stringify(value, null, indent));
}

/** JSON text with the invisible characters above escaped (inside strings, the only place JSON holds them). */
export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, escapeCodePoint);
}

function escapeCodePoint(c: string): string {
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}

/**
 * A property key in an object literal or a type literal. `__proto__` is written as a computed key:
 * in an object literal, `__proto__: x` and `"__proto__": x` both set the prototype instead of
 * defining a property.
 */
export function propertyKey(key: string): string {
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** `obj.key` or `obj["key"]`, for reading a property by a name from the spec. */
export function propertyAccess(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${stringLiteral(key)}]`;
}

/**
 * The lines of a JSDoc body (without the `/**` and ` *\/` framing), from free text in the spec. A
 * `*\/` anywhere would close the comment early, so the slash is escaped; line breaks of every kind are
 * normalised so a U+2028 cannot end the line that ` * ` began. Returns [] for empty text.
 */
export function docLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines = neutraliseComment(text)
    .split(/\r\n|[\r\n\u2028\u2029\u0085]/)
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// eslint-disable-next-line no-control-regex
const NEEDS_NEUTRALISING = /\*\/|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text safe inside a block comment. */
export function neutraliseComment(text: string): string {
  // One test first: almost no spec text holds any of these, and three replaces cost three scans.
  if (!NEEDS_NEUTRALISING.test(text)) return text;
  // Control characters other than line breaks and tabs have no business in a comment.
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/\*\//g, '*\\/')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g, '')
    .replace(BIDI, escapeCodePoint);
}

/** A JSDoc block at the given indent, or '' when there is nothing to say. Ends with a newline. */
export function jsDoc(lines: readonly string[], indent = ''): string {
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  const body = lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)).join('\n');
  return `${indent}/**\n${body}\n${indent} */\n`;
}

/**
 * Text for one line of Markdown (a heading, a paragraph line or a table cell): collapses line breaks,
 * escapes the characters Markdown or embedded HTML would act on.
 */
export function markdownInline(text: string | undefined): string {
  if (text === undefined) return '';
  return neutraliseComment(text)
    .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
    .replace(/[\\`*_{}[\]<>|#!]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A Markdown code span for a name from the spec (backticks inside are replaced, not escaped). */
export function markdownCode(text: string): string {
  const clean = text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|').replace(BIDI, escapeCodePoint);
  return '`' + clean + '`';
}

/** A file name from a tag or name: lowercase kebab-case, ASCII only, never empty, never `..`. */
export function fileStem(name: string): string {
  const stem = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // File systems cap a name at 255 bytes; a 300-character tag must still make a file. Groups whose
    // names share the first 60 characters share a file, which loses nothing.
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return stem === '' ? 'default' : stem;
}

const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** An npm package name, checked: it is printed inside code examples and import statements. */
export function npmPackageName(name: string): string {
  if (!NPM_NAME.test(name) || name.length > 214) {
    throw new ConnectgenError('CG_EMIT_BAD_PACKAGE_NAME', `${JSON.stringify(name)} is not a valid npm package name`, {
      hint: 'set `package:` in connector.yaml to a lowercase npm name such as @acme/petstore-connector',
    });
  }
  return name;
}
