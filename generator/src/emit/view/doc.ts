/** JSDoc blocks as the lines a template prints (`/**`, ` * ...`, ` *\/`). */
import { docLines } from './safe.js';

/**
 * One JSDoc block from paragraphs of spec text and tag lines; empty paragraphs are dropped,
 * paragraphs are separated by a blank ` *` line. [] when there is nothing to say.
 */
export function docBlock(paragraphs: readonly (string | undefined)[], tags: readonly string[] = []): string[] {
  const body: string[] = [];
  for (const paragraph of paragraphs) {
    const lines = docLines(paragraph);
    if (lines.length === 0) continue;
    if (body.length > 0) body.push('');
    body.push(...lines);
  }
  const tagLines = tags.flatMap((tag) => (tag === '' ? [''] : docLines(tag)));
  if (tagLines.length > 0 && body.length > 0) body.push('');
  body.push(...tagLines);
  if (body.length === 0) return [];
  if (body.length === 1) return [`/** ${body[0]} */`];
  return ['/**', ...body.map((line) => (line === '' ? ' *' : ` * ${line}`)), ' */'];
}

/** `@default 10`, `@example "abc"`: JSON of a spec value, shortened when long. */
export function valueTag(tag: 'default' | 'example', value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let json = JSON.stringify(value);
  if (json === undefined) return undefined;
  if (json.length > 200) json = json.slice(0, 197) + '...';
  return `@${tag} ${json}`;
}
