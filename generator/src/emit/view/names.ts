/**
 * Names the emitter adds next to the IR's own (action input types, group interfaces, the connector
 * type). The IR's names are taken first; an added name that would collide gets a numeric suffix, in
 * a fixed order, so the result is the same on every run.
 */
import { identifier } from './safe.js';

export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** `base`, or `base2`, `base3`... whichever is free first. */
  allocate(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return identifier(name);
  }
}

/** `list-pets` / `listPets` / `list_pets` -> `ListPets`. */
export function pascalCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  if (joined === '') return 'Default';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `petstore-v2` -> `PETSTORE_V2`, for environment variable names in examples. */
export function constantCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return words === '' ? 'CONNECTOR' : words;
}
