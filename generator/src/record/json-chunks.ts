/**
 * JSON text in pieces: the same bytes as `JSON.stringify(value, null, indent)`, produced one
 * subtree at a time, so a large document can be written without ever holding its whole text. The
 * generation record (record.ts) is two such documents: GitHub's spec snapshot alone is 10 MB of
 * text, 20 MB of heap as a two-byte string, and with its UTF-8 copy it was the peak of a run's memory.
 *
 * The outer `depth` levels of plain objects and arrays are written here, key by key; each value
 * below them goes through JSON.stringify whole, its line breaks indented to where it sits (JSON
 * text holds no raw line break inside a string, so every `\n` in it is a line of layout).
 */

/** Levels written piece by piece: the document, then `paths` or `components`, then each path or component group. */
const SPLIT_DEPTH = 3;

export function* jsonChunks(value: unknown, indent: number, depth = SPLIT_DEPTH): Generator<string> {
  yield* chunks(value, indent, '', depth);
}

function* chunks(value: unknown, indent: number, at: string, depth: number): Generator<string> {
  if (depth === 0 || indent === 0 || !isSplittable(value)) {
    // A value with no JSON form (undefined, a function) gives no text, as JSON.stringify does.
    const text = leafText(value, indent, at);
    if (text !== undefined) yield text;
    return;
  }
  const inner = at + ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
      const member: unknown = value[i];
      // As JSON.stringify: a member with no JSON form is written as null.
      if (isSplittable(member)) yield* chunks(member, indent, inner, depth - 1);
      else yield leafText(member, indent, inner) ?? 'null';
    }
    return yield `\n${at}]`;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    const text = isSplittable(member) ? undefined : leafText(member, indent, inner);
    // As JSON.stringify: a member with no JSON form is left out.
    if (text === undefined && !isSplittable(member)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    if (text !== undefined) yield text;
    else yield* chunks(member, indent, inner, depth - 1);
  }
  yield first ? '{}' : `\n${at}}`;
}

/**
 * JSON.stringify's text for a value written whole, its line breaks indented to `at`. Rather than
 * re-indent the text (a replace over every line, which cost twice the stringify on GitHub's spec),
 * the value is wrapped in as many `{"": ...}` levels as `at` is deep, so JSON.stringify indents it
 * where it sits; the wrapping's own text is cut off. The key is `""`, as for a value stringified
 * alone (a `toJSON` is called with it); a value JSON.stringify leaves out leaves no `"": ` behind.
 */
function leafText(value: unknown, indent: number, at: string): string | undefined {
  if (at === '') return JSON.stringify(value, null, indent) as string | undefined;
  const { prefix, suffix, depth } = wrapping(indent, at);
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = { '': wrapped };
  const text = JSON.stringify(wrapped, null, indent);
  return text.startsWith(prefix) ? text.slice(prefix.length, text.length - suffix.length) : undefined;
}

const wrappings = new Map<string, { prefix: string; suffix: string; depth: number }>();

/** The text JSON.stringify writes around a value nested `at.length / indent` levels deep in `{"": ...}`. */
function wrapping(indent: number, at: string): { prefix: string; suffix: string; depth: number } {
  const key = `${indent}:${at.length}`;
  let known = wrappings.get(key);
  if (known === undefined) {
    const depth = at.length / indent;
    let prefix = '';
    let suffix = '';
    for (let level = 1; level <= depth; level++) {
      prefix += `{\n${' '.repeat(level * indent)}"": `;
      suffix = `\n${' '.repeat((level - 1) * indent)}}` + suffix;
    }
    known = { prefix, suffix, depth };
    wrappings.set(key, known);
  }
  return known;
}

/**
 * Arrays and plain objects without `toJSON`: what this module writes itself. Anything else (a Date,
 * a class instance) is left whole to JSON.stringify, which knows its rules.
 */
function isSplittable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
