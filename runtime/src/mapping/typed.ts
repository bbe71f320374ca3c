/**
 * Mappings written in TypeScript, checked against the source and target types (a connector's
 * action output and another action's input, say): `source` and `target` must be paths that exist
 * in those types, and the compiled function takes a Source and returns a Target.
 *
 *   const toCrm = defineMapping<GithubIssue, CrmTicket>({ mappings: [
 *     { source: 'user.login', target: 'owner', transformation: 'lowercase' },
 *     { source: ['title', 'number'], target: 'subject', transformation: 'template', template: '#{{number}} {{title}}' },
 *   ] });
 *   const map = compileMapping(toCrm);   // (record: GithubIssue) => MapResult<CrmTicket>
 */
import type { FieldMapping, MappingDefinition } from './types.js';

type Depth = [never, 0, 1, 2, 3, 4];

/** Dotted paths into T (`a`, `a.b`, `list[*].c`), five levels deep at most to keep the compiler fast. */
export type PathOf<T, D extends number = 5> = [D] extends [never]
  ? never
  : T extends readonly (infer E)[]
    ? '[*]' | `[${number}]` | `[*]${Suffix<E, Depth[D]>}`
    : T extends object
      ? { [K in keyof T & string]: K | `${K}${Suffix<NonNullable<T[K]>, Depth[D]>}` }[keyof T & string]
      : never;

type Suffix<T, D extends number> = [D] extends [never] ? never : T extends readonly unknown[] ? PathOf<T, D> : T extends object ? `.${PathOf<T, D>}` : never;

export type TypedFieldMapping<Source, Target> = Omit<FieldMapping, 'source' | 'target' | 'source_field' | 'target_field' | 'each'> & {
  readonly source?: PathOf<Source> | readonly PathOf<Source>[];
  readonly target: PathOf<Target>;
  readonly each?: readonly FieldMapping[];
};

export interface TypedMappingDefinition<Source, Target> extends MappingDefinition {
  readonly mappings: readonly TypedFieldMapping<Source, Target>[];
}

declare const TYPES: unique symbol;

/** A definition that carries its Source and Target types to compileMapping (a type-only brand). */
export type TypedMapping<Source, Target> = TypedMappingDefinition<Source, Target> & { readonly [TYPES]: { readonly source: Source; readonly target: Target } };

export function defineMapping<Source, Target>(definition: TypedMappingDefinition<Source, Target>): TypedMapping<Source, Target> {
  return definition as TypedMapping<Source, Target>;
}

/** The records an action yields: the items of a paginated action, the output of a plain one. */
export type ActionRecord<A> = A extends { all(...args: never[]): AsyncIterable<infer Item> } ? Item : A extends (...args: never[]) => Promise<infer Output> ? Output : never;

/** The input an action takes. */
export type ActionInput<A> = A extends (input: infer Input, ...rest: never[]) => Promise<unknown> ? Input : never;
