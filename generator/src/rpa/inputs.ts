/** `--input name=value` flags of the rpa commands. */
import { ConnectgenError } from '../diagnostics/errors.js';

/** `name=value` pairs; the first `=` splits, so values may contain `=`. */
export function parseInputs(pairs: readonly string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new ConnectgenError('CG_BAD_FLAG', `--input "${pair.split('=')[0]}" is not name=value`, { hint: 'write --input name=value, e.g. --input email=ada@example.org' });
    }
    inputs[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return inputs;
}
