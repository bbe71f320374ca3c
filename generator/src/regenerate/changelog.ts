/**
 * CHANGELOG.md: each regeneration that changes the package puts an entry at the top (newest first),
 * under the `# Changelog` title; everything already in the file, the user's notes included, stays.
 */
import { formatMarkdown } from '../diff/format.js';
import type { DiffResult } from '../diff/types.js';

const TITLE = '# Changelog';

export interface ChangelogEntry {
  readonly version: string;
  /** `YYYY-MM-DD`, from the caller's clock. */
  readonly date: string;
  /** `Tickets API 1.1.0`: the API description the new version was generated from. */
  readonly api: string;
  readonly diff: DiffResult;
}

export function prependChangelog(existing: string | undefined, entry: ChangelogEntry): string {
  const body = formatMarkdown(entry.diff, `## ${entry.version} (${entry.date})`).replace(/\n+$/, '\n');
  const intro = `Regenerated from ${entry.api}; semver bump: ${entry.diff.bump === 'none' ? 'patch (generated code only)' : entry.diff.bump}.\n`;
  const section = body.replace(/^(## .*\n\n)/, `$1${intro}\n`);
  const rest = (existing ?? '').replace(/\r\n?/g, '\n');
  if (rest.startsWith(`${TITLE}\n`)) return `${TITLE}\n\n${section}\n${rest.slice(TITLE.length).replace(/^\n+/, '')}`;
  return `${TITLE}\n\n${section}${rest === '' ? '' : `\n${rest}`}`;
}
