/**
 * A repair for YAML that the common parsers (js-yaml 3, PyYAML) read and the strict `yaml` parser
 * refuses: a quoted scalar continued on a line that is not indented past its key, as vendors'
 * hand-written specs often have:
 *
 *     description: "Returns the pets
 *     in the store"
 *
 * Inside a quoted scalar a line break folds to a space and leading whitespace is dropped, so
 * indenting the continuation lines changes nothing in the value; it only makes the text legal YAML
 * 1.2. Used only after a strict parse failed; the caller reports each repaired line.
 */

export interface Repair {
  readonly text: string;
  /** 1-based lines that were indented. */
  readonly lines: number[];
}

/** Indents continuation lines of quoted scalars past their key; `lines` is empty when nothing changed. */
export function indentQuotedContinuations(text: string): Repair {
  const lines = text.split('\n');
  const repaired: number[] = [];
  let open: { quote: '"' | "'"; minIndent: number } | undefined;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    let from = 0;
    if (open) {
      const indent = /^[ ]*/.exec(line)![0].length;
      if (line.trim() !== '' && indent < open.minIndent) {
        line = ' '.repeat(open.minIndent) + line.slice(indent);
        lines[n] = line;
        repaired.push(n + 1);
      }
      const end = closingQuote(line, 0, open.quote);
      if (end === -1) continue;
      open = undefined;
      from = end + 1;
    }
    // A quoted scalar that opens on this line as a mapping value or list item and does not close.
    const start = /^([ ]*)(?:- +)?(?:[^\s#"'][^:#]*:[ ]+|- +)(["'])/.exec(line.slice(from));
    if (from !== 0 || !start) continue;
    const quote = start[2] as '"' | "'";
    if (closingQuote(line, start[0].length, quote) === -1) open = { quote, minIndent: start[1]!.length + 1 };
  }
  return { text: repaired.length > 0 ? lines.join('\n') : text, lines: repaired };
}

/** Index of the quote that closes a scalar at or after `from`, or -1 when it stays open. */
function closingQuote(line: string, from: number, quote: '"' | "'"): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
