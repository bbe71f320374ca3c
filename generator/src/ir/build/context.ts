/**
 * State shared by the IR builders for one document: the document, the diagnostics collected so far,
 * the names given to `components.schemas`, and the memo of converted schemas by pointer. One object,
 * passed down explicitly, so each builder stays a plain function of (context, spec object, pointer).
 */
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import { fromPointer, toPointer } from '../../diagnostics/diagnostic.js';
import type { TypeNode } from '../types.js';

/** A JSON object from the document; never mutated. */
export type Obj = Readonly<Record<string, unknown>>;

export interface BuildContext {
  readonly document: Obj;
  readonly openapi: '3.0' | '3.1';
  readonly diagnostics: Diagnostic[];
  /** `/components/schemas/Foo` -> IR name of the named type. */
  readonly schemaNames: ReadonlyMap<string, string>;
  /** Converted named and inline-by-$ref schemas, by pointer. */
  readonly schemaMemo: Map<string, TypeNode>;
  /** Pointers being converted right now (recursion through a non-named $ref). */
  readonly inProgress: Set<string>;
  /** Resolved `$ref` targets by pointer (`undefined` when the target does not exist). */
  readonly refMemo: Map<string, unknown>;
  /** Named schemas with a discriminator of their own, by pointer: the union of their subtypes, or null. */
  readonly subtypeUnions: Map<string, TypeNode | null>;
}

export function createContext(document: Obj, schemaNames: ReadonlyMap<string, string>): BuildContext {
  const version = typeof document['openapi'] === 'string' ? document['openapi'] : '3.0.0';
  return {
    document,
    openapi: version.startsWith('3.1') ? '3.1' : '3.0',
    diagnostics: [],
    schemaNames,
    schemaMemo: new Map(),
    inProgress: new Set(),
    refMemo: new Map(),
    subtypeUnions: new Map(),
  };
}

export function report(
  ctx: BuildContext,
  severity: Severity,
  code: string,
  pointer: string,
  message: string,
  hint?: string,
): void {
  ctx.diagnostics.push(hint === undefined ? { code, severity, message, pointer } : { code, severity, message, pointer, hint });
}

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: a spec key such as `constructor` or `__proto__` must never reach the prototype. */
export function own(obj: Obj | undefined, key: string): unknown {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function ownObj(obj: Obj | undefined, key: string): Obj | undefined {
  const value = own(obj, key);
  return isObj(value) ? value : undefined;
}

export function ownString(obj: Obj | undefined, key: string): string | undefined {
  const value = own(obj, key);
  return typeof value === 'string' ? value : undefined;
}

export function ownBool(obj: Obj | undefined, key: string): boolean | undefined {
  const value = own(obj, key);
  return typeof value === 'boolean' ? value : undefined;
}

/** `pointer` + escaped segments. Hot (one call per schema node), so it skips the regexes when it can. */
export function child(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer;
  for (const segment of segments) {
    const text = String(segment);
    out += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return out;
}

/** The pointer of an internal `$ref` (`#/components/schemas/Pet` -> `/components/schemas/Pet`), or undefined for an external one. */
export function refPointer(ref: string): string | undefined {
  if (ref === '#') return '';
  if (!ref.startsWith('#/')) return undefined;
  // Pointers in $refs may be URI-encoded (`%7B`); normalise through the segment form.
  return ref.includes('%') ? toPointer(fromPointer(ref)) : ref.slice(1);
}

/** The value at `pointer` in the document, memoised. */
export function resolvePointer(ctx: BuildContext, pointer: string): unknown {
  if (ctx.refMemo.has(pointer)) return ctx.refMemo.get(pointer);
  let node: unknown = ctx.document;
  for (const segment of fromPointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObj(node)) node = own(node, segment);
    else {
      node = undefined;
      break;
    }
  }
  ctx.refMemo.set(pointer, node);
  return node;
}

/**
 * Follows `$ref`s of a non-schema object (parameter, response, request body, header) to the object
 * itself, returning it with the pointer it lives at. Cycles and dangling refs give undefined plus a
 * diagnostic.
 */
export function deref(ctx: BuildContext, value: unknown, pointer: string): { value: Obj; pointer: string } | undefined {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 32; hops++) {
    if (!isObj(current)) return undefined;
    const ref = ownString(current, '$ref');
    if (ref === undefined) return { value: current, pointer: at };
    const target = refPointer(ref);
    const resolved = target === undefined ? undefined : resolvePointer(ctx, target);
    if (target === undefined || resolved === undefined) {
      report(ctx, 'warn', 'CG_UNRESOLVED_REF', at, `cannot resolve $ref ${JSON.stringify(ref)}`, 'bundle the document so only internal #/components refs remain, or fix the reference');
      return undefined;
    }
    current = resolved;
    at = target;
  }
  report(ctx, 'warn', 'CG_UNRESOLVED_REF', pointer, 'a $ref chain loops', 'make the reference point at a real object');
  return undefined;
}
