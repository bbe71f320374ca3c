/**
 * A diff for people: plain text for a terminal, Markdown for a pull request or CHANGELOG.md.
 * (`--json` prints the DiffResult itself.)
 */
import type { Change, DiffResult, Impact } from './types.js';

const HEADINGS: Record<Impact, string> = { breaking: 'Breaking changes', additive: 'Additions', patch: 'Other changes' };
const IMPACTS: readonly Impact[] = ['breaking', 'additive', 'patch'];

export function formatText(result: DiffResult): string {
  if (result.changes.length === 0) return 'no changes to the public surface (bump: none)\n';
  const lines: string[] = [];
  for (const impact of IMPACTS) {
    const changes = result.changes.filter((c) => c.impact === impact);
    if (changes.length === 0) continue;
    lines.push(`${HEADINGS[impact]} (${changes.length}):`);
    for (const change of changes) {
      lines.push(`  ${impact === 'breaking' ? '!' : impact === 'additive' ? '+' : '~'} ${change.message}`);
      lines.push(`      ${change.reason}${pointers(change)}`);
    }
    lines.push('');
  }
  lines.push(`${result.counts.breaking} breaking, ${result.counts.additive} additive, ${result.counts.patch} other: semver bump ${result.bump}`);
  return lines.join('\n') + '\n';
}

/** Markdown; `heading` is the first line (e.g. `## 2.0.0`), without one the sections start at `###`. */
export function formatMarkdown(result: DiffResult, heading?: string): string {
  const lines: string[] = heading ? [heading, ''] : [];
  if (result.changes.length === 0) lines.push('No changes to the public surface.', '');
  for (const impact of IMPACTS) {
    const changes = result.changes.filter((c) => c.impact === impact);
    if (changes.length === 0) continue;
    lines.push(`### ${HEADINGS[impact]}`, '');
    for (const change of changes) lines.push(`- ${change.message}. ${change.reason}.${markdownPointers(change)}`);
    lines.push('');
  }
  if (!heading) lines.push(`Semver bump: **${result.bump}**.`, '');
  return lines.join('\n');
}

function pointers(change: Change): string {
  const parts = [change.oldPointer !== undefined ? `old ${change.oldPointer}` : '', change.newPointer !== undefined ? `new ${change.newPointer}` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function markdownPointers(change: Change): string {
  const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';
  const parts = [change.oldPointer !== undefined ? `old ${code(change.oldPointer)}` : '', change.newPointer !== undefined ? `new ${code(change.newPointer)}` : ''].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
