// Results files shared by several benches: each bench owns one `## heading` section of the file and
// replaces only that one, keeping the other benches' figures.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `section` (starting with its `## heading` line) into `file`, replacing an older one of the same heading. */
export function writeResultSection(file, title, section) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = `# ${title}\n\n`;
  }
  const heading = section.split('\n', 1)[0];
  const start = text.indexOf(heading + '\n');
  if (start >= 0) {
    const end = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start) + (end >= 0 ? text.slice(end + 1) : '');
  }
  writeFileSync(file, text.trimEnd() + '\n\n' + section.trimEnd() + '\n');
}
