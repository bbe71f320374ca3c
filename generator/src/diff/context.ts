/**
 * State of one diff run: both IRs' named types by name, which named types were already compared in
 * which direction (a type used by twenty actions is reported once), and the changes found so far.
 */
import type { ConnectorIR, SchemaIR } from '../ir/types.js';
import type { Change, Direction, Impact } from './types.js';

/** What a change is about, and where it sits in each spec. */
export interface Subject {
  readonly action?: string;
  readonly schema?: string;
  /** Prefix of messages: "action `getPet` input" or "type `Pet`". */
  readonly label: string;
  readonly oldPointer?: string;
  readonly newPointer?: string;
}

export interface ChangeInput {
  readonly code: string;
  readonly impact: Impact;
  readonly message: string;
  readonly reason: string;
  readonly typed?: boolean;
}

export class DiffContext {
  readonly oldSchemas: ReadonlyMap<string, SchemaIR>;
  readonly newSchemas: ReadonlyMap<string, SchemaIR>;
  readonly changes: Change[] = [];
  private readonly compared = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(
    readonly oldIR: ConnectorIR,
    readonly newIR: ConnectorIR,
  ) {
    this.oldSchemas = new Map(oldIR.schemas.map((s) => [s.name, s]));
    this.newSchemas = new Map(newIR.schemas.map((s) => [s.name, s]));
  }

  /** True the first time a named type is compared in a direction; later calls are skipped. */
  firstComparison(name: string, direction: Direction): boolean {
    const key = `${direction}:${name}`;
    if (this.compared.has(key)) return false;
    this.compared.add(key);
    return true;
  }

  wasCompared(name: string): boolean {
    return this.compared.has(`input:${name}`) || this.compared.has(`output:${name}`);
  }

  add(subject: Subject, change: ChangeInput): void {
    const entry: Change = {
      code: change.code,
      impact: change.impact,
      breaking: change.impact === 'breaking',
      message: `${subject.label}: ${change.message}`,
      reason: change.reason,
      ...(subject.action !== undefined ? { action: subject.action } : {}),
      ...(subject.schema !== undefined ? { schema: subject.schema } : {}),
      ...(subject.oldPointer !== undefined ? { oldPointer: subject.oldPointer } : {}),
      ...(subject.newPointer !== undefined ? { newPointer: subject.newPointer } : {}),
      typed: change.typed ?? true,
    };
    const key = JSON.stringify([entry.code, entry.message, entry.oldPointer, entry.newPointer]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.changes.push(entry);
  }
}

/** `/a` + `properties`, `x/y` -> `/a/properties/x~1y` (undefined stays undefined: the side is absent). */
export function childPointer(pointer: string | undefined, ...segments: string[]): string | undefined {
  if (pointer === undefined) return undefined;
  return pointer + segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function at(subject: Subject, ...segments: string[]): Subject {
  return { ...subject, oldPointer: childPointer(subject.oldPointer, ...segments), newPointer: childPointer(subject.newPointer, ...segments) };
}
