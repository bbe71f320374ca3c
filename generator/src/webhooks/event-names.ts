/**
 * The event names an API says it sends: OpenAPI 3.1 `webhooks` keys and operation `callbacks`
 * names, read from a spec, a connector.yaml, or a generated connector's `connector.json`
 * (`webhooks` list). `webhooks serve` uses them to tell expected events from unknown ones.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadSpec, resolveSourceArgument } from '../load/index.js';

export async function readEventNames(source: string): Promise<string[]> {
  const info = await stat(source).catch(() => undefined);
  if (info?.isDirectory()) {
    const manifest = JSON.parse(await readFile(path.join(source, 'connector.json'), 'utf8')) as { webhooks?: Array<{ name: string }> };
    return (manifest.webhooks ?? []).map((w) => w.name).sort();
  }
  const { spec } = await resolveSourceArgument(source);
  return eventNamesOf((await loadSpec(spec)).document);
}

export function eventNamesOf(document: Record<string, unknown>): string[] {
  const names = new Set<string>(Object.keys(asRecord(document['webhooks'])));
  for (const item of Object.values(asRecord(document['paths']))) {
    for (const operation of Object.values(asRecord(item))) {
      for (const name of Object.keys(asRecord(asRecord(operation)['callbacks']))) names.add(name);
    }
  }
  return [...names].sort();
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
