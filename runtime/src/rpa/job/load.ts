/**
 * Reads a job file (YAML, or JSON, which YAML reads too) and validates it. Problems carry the line
 * and column of the value they point at, so an editor can jump there.
 */
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { RpaJobError, type RpaDiagnostic } from './diagnostics.js';
import { checkJob, type RpaJob } from './job.js';

/** Loads and validates a job file; throws `RpaJobError` (with every problem) when it cannot run. */
export async function loadJob(file: string): Promise<RpaJob> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RpaJobError([{ code: 'CG_RPA_JOB_READ', pointer: '', message: `cannot read the job file: ${reason}`, hint: 'check the path' }], file);
  }
  return parseJob(text, file);
}

/** Parses and validates job text; `file` only labels the errors. */
export function parseJob(text: string, file?: string): RpaJob {
  const lines = new LineCounter();
  // uniqueKeys (the default) refuses a key given twice instead of keeping the last silently.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    const diagnostics = document.errors.map((error): RpaDiagnostic => {
      const position = lines.linePos(error.pos[0]);
      return { code: 'CG_RPA_JOB_PARSE', pointer: '', message: error.message.split('\n')[0]!, line: position.line, column: position.col, hint: 'fix the YAML/JSON syntax there' };
    });
    throw new RpaJobError(diagnostics, file);
  }
  const result = checkJob(document.toJS({ maxAliasCount: 100 }));
  if ('diagnostics' in result) throw new RpaJobError(result.diagnostics.map((d) => withPosition(d, document, lines)), file);
  return result.job;
}

/** Adds the line and column of the node a diagnostic points at (or its nearest existing parent). */
function withPosition(d: RpaDiagnostic, document: Document, lines: LineCounter): RpaDiagnostic {
  const path = d.pointer.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true);
    if (isNode(node) && node.range) {
      const position = lines.linePos(node.range[0]);
      return { ...d, line: position.line, column: position.col };
    }
  }
  return d;
}
