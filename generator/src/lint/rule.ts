/**
 * What a connectgen lint rule is: data (id, code, description, the JSONPath it covers, default
 * severity, hint) plus one small function over the nodes the walk collected for it. Rules never walk
 * the document themselves; `walk.ts` visits it once and hands each rule its targets.
 */
import type { Severity } from '../diagnostics/diagnostic.js';
import type { Located, OperationNode, SpecIndex } from './walk.js';

export type JsonObject = Record<string, unknown>;

/** What a rule reports; the engine adds code, hint, file and position. */
export interface RuleFinding {
  /** Path from the root of `file` to the offending node. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The file the node is in; defaults to the target's file. */
  readonly file?: string;
  /** Overrides the rule's default severity for this finding (a configured severity still wins). */
  readonly severity?: Severity;
}

/** The kinds of node the walk collects, and what a rule receives for each. */
export interface TargetTypes {
  readonly document: SpecIndex;
  readonly operation: OperationNode;
  readonly pathItem: Located & { readonly pathKey: string };
  readonly schema: Located;
  readonly securityScheme: Located & { readonly name: string };
}

export interface Rule<K extends keyof TargetTypes = keyof TargetTypes> {
  /** Kebab-case id, also the file name: `rules/<id>.ts`. */
  readonly id: string;
  /** Stable code printed and asserted by tests, e.g. `CG_NO_OPERATION_ID`. */
  readonly code: string;
  readonly description: string;
  /** The JSONPath (over OAS 3 and Swagger 2.0 documents) of the nodes the rule looks at. */
  readonly given: string;
  readonly target: K;
  readonly severity: Severity;
  /** How to fix it, in one sentence. */
  readonly hint: string;
  check(target: TargetTypes[K], index: SpecIndex): RuleFinding[] | undefined;
}

/** Lets a rule file declare its target once and keep `check`'s parameter typed. */
export function defineRule<K extends keyof TargetTypes>(rule: Rule<K>): Rule<K> {
  return rule;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
