/**
 * "Did you mean": the known names closest to a mistyped one, by edit distance (Levenshtein, with
 * case ignored), so `tokenUrll` suggests `tokenUrl` and `listPet` suggests `listPets`.
 */

/** Edit distance between `a` and `b` (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * Up to `limit` known names near `wanted`: within a third of its length in edits (at least 2), or
 * containing it (a prefix typed for a long operationId). Closest first, then alphabetical.
 */
export function closest(wanted: string, known: Iterable<string>, limit = 3): string[] {
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  const lower = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(known)) {
    const distance = editDistance(wanted, name);
    if (distance <= budget) scored.push({ name, score: distance });
    else if (lower.length >= 3 && name.toLowerCase().includes(lower)) scored.push({ name, score: budget + 1 });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}

/** `did you mean "a" or "b"?`, or undefined when nothing is close. */
export function didYouMean(wanted: string, known: Iterable<string>): string | undefined {
  const names = closest(wanted, known);
  if (names.length === 0) return undefined;
  return `did you mean ${names.map((name) => JSON.stringify(name)).join(' or ')}?`;
}
