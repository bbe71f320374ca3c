/**
 * Paths into JSON values, as connector configs, mappings and sync definitions write them.
 *
 * Two notations are accepted, told apart by the first character:
 * - JSONPath, the singular-query subset of RFC 9535 plus the wildcard: an optional `$` root, then
 *   dotted names (`meta.next_cursor`), bracketed names for keys no dotted name can spell
 *   (`$['@odata.nextLink']`, `["a b"]`), indexes (`links[0]`), negative indexes counting from the
 *   end (`data[-1].id`, Stripe's `starting_after`) and `[*]` / `.*` for every element;
 * - JSON Pointer (RFC 6901), when the text starts with `/`: `/data/0/id`, `~1` for `/`, `~0` for `~`.
 *
 * Dotted names are more lenient than RFC 9535's shorthand (hyphens and a leading `@` or digit are
 * fine: `next-page`, `@count`) because vendors' keys are, and a name that is a whole number also
 * indexes an array (`items.0`), as JSON Pointer does. Filters, slices, unions and `..` are refused
 * with an error that says so: a connector needs one value per path, not a query language.
 */
export type PathSegment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

export interface ParsedPath {
  /** The text as written. */
  readonly text: string;
  readonly segments: readonly PathSegment[];
  /** Whether any segment is a wildcard, so the path can match several values. */
  readonly multiple: boolean;
}

/** A path that cannot be read; `offset` is the 0-based position in `path` where reading stopped. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
  readonly code = 'CG_PATH_SYNTAX';
  constructor(
    readonly path: string,
    readonly offset: number,
    readonly reason: string,
    readonly hint = 'write names as a.b, keys with dots or spaces as $[\'a.b\'], indexes as [0] or [-1], or a JSON Pointer such as /a/b',
  ) {
    super(`invalid path ${JSON.stringify(path)} at character ${offset + 1}: ${reason}`);
  }
}

export function parsePath(text: string): ParsedPath {
  const segments = text.startsWith('/') ? parsePointer(text) : new JsonPathReader(text).read();
  return { text, segments, multiple: segments.some((s) => s.kind === 'wildcard') };
}

function parsePointer(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let offset = 1;
  for (const token of text.slice(1).split('/')) {
    const bad = /~(?![01])/.exec(token);
    if (bad) throw new PathSyntaxError(text, offset + bad.index, "'~' must be followed by 0 or 1 in a JSON Pointer", 'escape ~ as ~0 and / as ~1');
    segments.push({ kind: 'name', name: token.replace(/~1/g, '/').replace(/~0/g, '~') });
    offset += token.length + 1;
  }
  return segments;
}

const NAME_CHAR = /[^.[\]\s'"()*?,:=<>!&|$]/u;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\', "'": "'", '"': '"' };

class JsonPathReader {
  private at = 0;
  private readonly segments: PathSegment[] = [];

  constructor(private readonly text: string) {}

  read(): PathSegment[] {
    const { text } = this;
    if (text.startsWith('$')) this.at = 1;
    else if (text !== '' && !text.startsWith('[')) this.segments.push(this.dottedName()); // `data.items`: the root is implied
    while (this.at < text.length) {
      const c = text[this.at];
      if (c === '.') {
        this.at++;
        if (text[this.at] === '.') this.fail("recursive descent '..' is not supported", 'name the full path to the value');
        if (text[this.at] === '*') {
          this.at++;
          this.segments.push({ kind: 'wildcard' });
        } else this.segments.push(this.dottedName());
      } else if (c === '[') this.bracket();
      else this.fail(`unexpected ${JSON.stringify(c)}`);
    }
    return this.segments;
  }

  private dottedName(): PathSegment {
    const start = this.at;
    while (this.at < this.text.length && NAME_CHAR.test(this.text[this.at]!)) this.at++;
    if (this.at === start) this.fail('expected a name');
    return { kind: 'name', name: this.text.slice(start, this.at) };
  }

  private bracket(): void {
    this.at++; // [
    this.skipSpace();
    const c = this.text[this.at];
    if (c === "'" || c === '"') this.segments.push({ kind: 'name', name: this.quoted(c) });
    else if (c === '*') {
      this.at++;
      this.segments.push({ kind: 'wildcard' });
    } else {
      const m = /^-?(0|[1-9]\d*)/.exec(this.text.slice(this.at));
      if (!m) this.fail("expected a quoted name, an index or '*' inside [ ]");
      this.at += m[0].length;
      if (this.text[this.at] === ':') this.fail('slices are not supported', 'address one element, such as [0] or [-1], or every element with [*]');
      this.segments.push({ kind: 'index', index: Number(m[0]) });
    }
    this.skipSpace();
    if (this.text[this.at] === ',') this.fail('unions of several selectors are not supported', 'use one path per value');
    if (this.text[this.at] !== ']') this.fail("expected ']'");
    this.at++;
  }

  private quoted(quote: string): string {
    let out = '';
    this.at++;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail(`unterminated string: expected ${quote}`);
      this.at++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.at];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.at + 1, this.at + 5), 16));
        this.at += 5;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        this.at++;
      } else this.fail(`invalid escape \\${e ?? ''}`, "escape a quote as \\' or \\\", a backslash as \\\\");
    }
  }

  private skipSpace(): void {
    while (this.text[this.at] === ' ' || this.text[this.at] === '\t') this.at++;
  }

  private fail(reason: string, hint?: string): never {
    throw new PathSyntaxError(this.text, this.at, reason, hint);
  }
}

/** The canonical JSONPath of a parsed path: `$['a.b'][0]`, for messages and stable comparisons. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (s.kind === 'wildcard') out += '[*]';
    else if (s.kind === 'index') out += `[${s.index}]`;
    else out += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.name) ? `.${s.name}` : `[${singleQuoted(s.name)}]`;
  }
  return out;
}

function singleQuoted(name: string): string {
  return `'${name.replace(/[\\']/g, '\\$&').replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}
