/** template: text with `{{path}}` placeholders over the source record, e.g. "{{first}} {{last}}". */
import { toParsedPath, getPath, type ParsedPath } from '../../path/index.js';
import { PathSyntaxError } from '../../path/parse.js';
import { OptionError, stringOption, type Transform } from './transform.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** `{{path}}` reads the source record; `{{.}}` is the value the chain has so far. Missing reads as ''. */
export const template: Transform = {
  options: ['template'],
  handlesMissing: true,
  prepare(options) {
    const text = stringOption(options, 'template');
    if (text === undefined) throw new OptionError('template', 'template needs a `template` text such as "{{first_name}} {{last_name}}"');
    const pieces: Array<string | ParsedPath | null> = [];
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      pieces.push(text.slice(last, match.index));
      const expr = match[1]!;
      if (expr === '.') pieces.push(null);
      else {
        try {
          pieces.push(toParsedPath(expr));
        } catch (error) {
          if (error instanceof PathSyntaxError) throw new OptionError('template', `placeholder {{${expr}}}: ${error.message}`, error.hint);
          throw error;
        }
      }
      last = match.index + match[0].length;
    }
    pieces.push(text.slice(last));
    return (value, { record }) => {
      let out = '';
      for (const piece of pieces) {
        if (typeof piece === 'string') out += piece;
        else {
          const v = piece === null ? value : getPath(record, piece);
          if (v !== undefined && v !== null) out += typeof v === 'object' ? JSON.stringify(v) : String(v);
        }
      }
      return out;
    };
  },
};
