/**
 * Where a JSON text first goes wrong. V8's JSON.parse gives a position for some errors and only a
 * snippet for others ("Unexpected token '}'"), so on failure we re-scan with this small recursive
 * descent parser to point the user at a line and column. Runs only on documents that failed.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}

export interface DuplicateKey {
  /** JSON pointer of the object member that appears more than once. */
  readonly pointer: string;
  /** Character offset of the repeated key. */
  readonly offset: number;
}

/**
 * Object members that appear twice in a valid JSON text. JSON.parse keeps only the last value, so
 * without this a spec with a repeated path or property would lose the first one silently. Keys with
 * escapes are compared by their decoded value; one pass, run only on text JSON.parse accepted.
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const path: (string | number)[] = [];
  let i = 0;
  const ws = () => {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  };
  const stringEnd = (): number => {
    let j = i + 1;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 34) return j; // "
      if (c === 92) j += 2; // backslash: skip the escaped character
      else if (Number.isNaN(c)) return j;
      else j++;
    }
  };
  const value = (): void => {
    ws();
    const c = text.charCodeAt(i);
    if (c === 123) {
      // {
      i++;
      const seen = new Set<string>();
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        return;
      }
      for (;;) {
        ws();
        const start = i;
        const end = stringEnd();
        const raw = text.slice(i + 1, end);
        i = end + 1;
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen.has(key)) found.push({ pointer: pointerOf([...path, key]), offset: start });
        seen.add(key);
        ws();
        i++; // :
        path.push(key);
        value();
        path.pop();
        ws();
        if (text.charCodeAt(i++) === 125) return; // } (else a comma)
      }
    } else if (c === 91) {
      // [
      i++;
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        path.push(index);
        value();
        path.pop();
        ws();
        if (text.charCodeAt(i++) === 93) return; // ] (else a comma)
      }
    } else if (c === 34) {
      i = stringEnd() + 1;
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++;
    }
  };
  value();
  return found;
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
