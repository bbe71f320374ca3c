/**
 * Type vs type, as a caller sees it. Whether a change breaks depends on the direction: a caller
 * *sends* input types (a narrower type refuses values that worked) and *receives* output types (a
 * wider type brings values the caller never handled). Named types are compared once per direction
 * and reported under their own name; inline types under the action that holds them.
 */
import type { ObjectType, PropertyIR, TypeNode } from '../ir/types.js';
import { at, type DiffContext, type Subject } from './context.js';
import type { Direction, Impact } from './types.js';

const SENDS = 'callers send this';
const RECEIVES = 'callers receive this';

/** Impact of a narrowing or widening in a direction, with the reason a reader needs. */
function shift(kind: 'narrowed' | 'widened', direction: Direction): { impact: Impact; reason: string } {
  if (direction === 'input') {
    return kind === 'narrowed'
      ? { impact: 'breaking', reason: `${SENDS}: values accepted before are refused or no longer type-check` }
      : { impact: 'additive', reason: `${SENDS}: everything accepted before still is` };
  }
  return kind === 'widened'
    ? { impact: 'breaking', reason: `${RECEIVES}: it can now hold values callers do not handle` }
    : { impact: 'patch', reason: `${RECEIVES}: every value it can hold was possible before` };
}

export function compareTypes(ctx: DiffContext, oldType: TypeNode, newType: TypeNode, direction: Direction, subject: Subject, where: string): void {
  if (oldType.kind === 'ref' && newType.kind === 'ref' && oldType.name === newType.name) {
    compareNamed(ctx, oldType.name, direction);
    return;
  }
  if (oldType.kind === 'ref' || newType.kind === 'ref') {
    const oldName = oldType.kind === 'ref' ? `\`${oldType.name}\`` : 'an inline type';
    const newName = newType.kind === 'ref' ? `\`${newType.name}\`` : 'an inline type';
    ctx.add(subject, { code: 'type-renamed', impact: 'patch', message: `${where} is now ${newName} (was ${oldName})`, reason: 'the shape is compared below; only its name changed' });
    const oldBody = oldType.kind === 'ref' ? ctx.oldSchemas.get(oldType.name) : undefined;
    const newBody = newType.kind === 'ref' ? ctx.newSchemas.get(newType.name) : undefined;
    // Compare the bodies once, at the named side's pointer: a rename must not hide a shape change.
    const inner: Subject = {
      ...subject,
      ...(oldBody ? { oldPointer: oldBody.pointer } : {}),
      ...(newBody ? { newPointer: newBody.pointer } : {}),
    };
    if ((oldType.kind === 'ref' && !oldBody) || (newType.kind === 'ref' && !newBody)) return;
    compareTypes(ctx, oldBody?.type ?? oldType, newBody?.type ?? newType, direction, inner, where);
    return;
  }
  const oldSplit = splitNull(oldType);
  const newSplit = splitNull(newType);
  if (oldSplit.nullable !== newSplit.nullable) {
    const { impact, reason } = shift(newSplit.nullable ? 'widened' : 'narrowed', direction);
    ctx.add(subject, { code: newSplit.nullable ? 'nullable-added' : 'nullable-removed', impact, message: `${where} ${newSplit.nullable ? 'can now be null' : 'can no longer be null'}`, reason });
  }
  compareNonNull(ctx, oldSplit.rest, newSplit.rest, direction, subject, where);
}

/** A named type, compared once per direction under its own name and pointers. */
export function compareNamed(ctx: DiffContext, name: string, direction: Direction): void {
  const oldSchema = ctx.oldSchemas.get(name);
  const newSchema = ctx.newSchemas.get(name);
  if (!oldSchema || !newSchema || !ctx.firstComparison(name, direction)) return;
  const subject: Subject = {
    schema: name,
    label: `type \`${name}\`${direction === 'input' ? ' (sent)' : ''}`,
    oldPointer: oldSchema.pointer,
    newPointer: newSchema.pointer,
  };
  compareTypes(ctx, oldSchema.type, newSchema.type, direction, subject, 'the type');
}

function compareNonNull(ctx: DiffContext, oldType: TypeNode, newType: TypeNode, direction: Direction, subject: Subject, where: string): void {
  if (oldType.kind === 'union' || newType.kind === 'union') {
    compareUnions(ctx, members(oldType), members(newType), direction, subject, where);
    return;
  }
  if (oldType.kind !== newType.kind) {
    compareKinds(ctx, oldType, newType, direction, subject, where);
    return;
  }
  switch (oldType.kind) {
    case 'string':
    case 'number':
    case 'integer':
      compareEnums(ctx, oldType.enum, (newType as typeof oldType).enum, direction, subject, where);
      return;
    case 'literal':
      if (oldType.value !== (newType as typeof oldType).value) {
        ctx.add(subject, { code: 'type-changed', impact: 'breaking', message: `${where} changed from ${JSON.stringify(oldType.value)} to ${JSON.stringify((newType as typeof oldType).value)}`, reason: 'a fixed value changed: callers using the old one break' });
      }
      return;
    case 'array':
      compareTypes(ctx, oldType.items, (newType as typeof oldType).items, direction, at(subject, 'items'), `${where}[]`);
      return;
    case 'object':
      compareObjects(ctx, oldType, newType as ObjectType, direction, subject, where);
      return;
    case 'intersection': {
      const next = newType as typeof oldType;
      if (oldType.members.length !== next.members.length) {
        ctx.add(subject, { code: 'type-changed', impact: 'breaking', message: `${where} combines ${next.members.length} types (was ${oldType.members.length})`, reason: 'the composition (allOf) changed' });
        return;
      }
      oldType.members.forEach((member, i) => compareTypes(ctx, member, next.members[i]!, direction, at(subject, 'allOf', String(i)), where));
      return;
    }
    default:
      return;
  }
}

function compareKinds(ctx: DiffContext, oldType: TypeNode, newType: TypeNode, direction: Direction, subject: Subject, where: string): void {
  const change = `${where} changed from ${describe(oldType)} to ${describe(newType)}`;
  const widened = newType.kind === 'unknown' || (oldType.kind === 'integer' && newType.kind === 'number');
  const narrowed = oldType.kind === 'unknown' || (oldType.kind === 'number' && newType.kind === 'integer');
  if (widened || narrowed) {
    const kind = widened ? 'widened' : 'narrowed';
    // integer and number are both `number` in TypeScript: the API's contract changed, the types did not.
    const typed = oldType.kind === 'unknown' || newType.kind === 'unknown';
    ctx.add(subject, { code: `type-${kind}`, message: change, ...shift(kind, direction), typed });
    return;
  }
  ctx.add(subject, { code: 'type-changed', impact: 'breaking', message: change, reason: 'a value of the old type is not one of the new' });
}

function compareEnums(ctx: DiffContext, oldEnum: readonly (string | number)[] | undefined, newEnum: readonly (string | number)[] | undefined, direction: Direction, subject: Subject, where: string): void {
  if (oldEnum === undefined && newEnum === undefined) return;
  if (oldEnum === undefined || newEnum === undefined) {
    const kind = newEnum ? 'narrowed' : 'widened';
    ctx.add(subject, { code: `type-${kind}`, message: `${where} ${newEnum ? `is now limited to ${list(newEnum)}` : 'is no longer limited to a list of values'}`, ...shift(kind, direction) });
    return;
  }
  const added = newEnum.filter((v) => !oldEnum.includes(v));
  const removed = oldEnum.filter((v) => !newEnum.includes(v));
  if (added.length > 0) ctx.add(subject, { code: 'enum-value-added', message: `${where} gained ${list(added)}`, ...shift('widened', direction) });
  if (removed.length > 0) ctx.add(subject, { code: 'enum-value-removed', message: `${where} lost ${list(removed)}`, ...shift('narrowed', direction) });
}

function compareObjects(ctx: DiffContext, oldType: ObjectType, newType: ObjectType, direction: Direction, subject: Subject, where: string): void {
  const visible = (p: PropertyIR) => (direction === 'input' ? !p.readOnly : !p.writeOnly);
  const oldProps = new Map(oldType.properties.filter(visible).map((p) => [p.name, p]));
  const newProps = new Map(newType.properties.filter(visible).map((p) => [p.name, p]));
  const inner = (name: string) => (where === 'the type' ? `property \`${name}\`` : `${where}.${name}`);
  for (const [name, before] of oldProps) {
    const after = newProps.get(name);
    const place = at(subject, 'properties', name);
    if (!after) {
      ctx.add({ ...place, newPointer: subject.newPointer }, {
        code: 'property-removed',
        impact: 'breaking',
        message: `${inner(name)} removed`,
        reason: direction === 'input' ? `${SENDS}: passing it no longer type-checks and the API ignores it` : `${RECEIVES}: code reading it gets nothing`,
      });
      continue;
    }
    if (before.required !== after.required) {
      const required = after.required;
      const impact: Impact = direction === 'input' ? (required ? 'breaking' : 'additive') : required ? 'patch' : 'breaking';
      const reason =
        direction === 'input'
          ? required
            ? `${SENDS}: callers that leave it out no longer type-check`
            : `${SENDS}: callers may now leave it out`
          : required
            ? `${RECEIVES}: it is now always there`
            : `${RECEIVES}: code reading it must now handle its absence`;
      ctx.add(place, { code: required ? 'property-made-required' : 'property-made-optional', impact, message: `${inner(name)} is now ${required ? 'required' : 'optional'}`, reason });
    }
    compareTypes(ctx, before.type, after.type, direction, place, inner(name));
  }
  for (const [name, after] of newProps) {
    if (oldProps.has(name)) continue;
    const place = { ...at(subject, 'properties', name), oldPointer: subject.oldPointer };
    const requiredInput = direction === 'input' && after.required;
    ctx.add(place, {
      code: 'property-added',
      impact: requiredInput ? 'breaking' : 'additive',
      message: `${inner(name)} added${after.required ? ' (required)' : ''}`,
      reason: requiredInput ? `${SENDS}: callers that leave it out no longer type-check` : direction === 'input' ? `${SENDS}: callers may pass it` : `${RECEIVES}: a new field to read`,
    });
  }
  compareAdditional(ctx, oldType.additionalProperties, newType.additionalProperties, direction, subject, where);
}

function compareAdditional(ctx: DiffContext, before: TypeNode | boolean, after: TypeNode | boolean, direction: Direction, subject: Subject, where: string): void {
  if (typeof before !== 'boolean' && typeof after !== 'boolean') {
    compareTypes(ctx, before, after, direction, at(subject, 'additionalProperties'), `${where} (extra properties)`);
    return;
  }
  if (before === after) return;
  // false < a type < true: more extra properties allowed is a widening.
  const rank = (value: TypeNode | boolean) => (value === false ? 0 : value === true ? 2 : 1);
  const kind = rank(after) > rank(before) ? 'widened' : 'narrowed';
  ctx.add(subject, { code: `type-${kind}`, message: `${where} ${kind === 'widened' ? 'allows more' : 'allows fewer'} extra properties`, ...shift(kind, direction) });
}

function compareUnions(ctx: DiffContext, oldMembers: readonly TypeNode[], newMembers: readonly TypeNode[], direction: Direction, subject: Subject, where: string): void {
  const oldByKey = new Map(oldMembers.map((m) => [memberKey(m), m]));
  const newByKey = new Map(newMembers.map((m) => [memberKey(m), m]));
  const added = [...newByKey.keys()].filter((k) => !oldByKey.has(k));
  const removed = [...oldByKey.keys()].filter((k) => !newByKey.has(k));
  // One member on each side with different keys: a retyping, not an added and a removed variant.
  if (oldByKey.size === 1 && newByKey.size === 1 && added.length === 1) {
    compareKinds(ctx, oldMembers[0]!, newMembers[0]!, direction, subject, where);
    return;
  }
  if (added.length > 0) ctx.add(subject, { code: 'type-widened', message: `${where} can now also be ${added.join(', ')}`, ...shift('widened', direction) });
  if (removed.length > 0) ctx.add(subject, { code: 'type-narrowed', message: `${where} can no longer be ${removed.join(', ')}`, ...shift('narrowed', direction) });
  oldMembers.forEach((member, i) => {
    const counterpart = newByKey.get(memberKey(member));
    if (counterpart) compareTypes(ctx, member, counterpart, direction, at(subject, 'oneOf', String(i)), where);
  });
}

/** Splits `T | null` into T and the fact that null is allowed. */
function splitNull(type: TypeNode): { nullable: boolean; rest: TypeNode } {
  if (type.kind === 'null') return { nullable: true, rest: { kind: 'unknown' } };
  if (type.kind !== 'union' || !type.members.some((m) => m.kind === 'null')) return { nullable: false, rest: type };
  const rest = type.members.filter((m) => m.kind !== 'null');
  return { nullable: true, rest: rest.length === 1 ? rest[0]! : { ...type, members: rest } };
}

function members(type: TypeNode): readonly TypeNode[] {
  return type.kind === 'union' ? type.members : [type];
}

/** Identity of a union member across versions: its named type, literal value or kind. */
function memberKey(type: TypeNode): string {
  if (type.kind === 'ref') return `\`${type.name}\``;
  if (type.kind === 'literal') return JSON.stringify(type.value);
  return type.kind;
}

function describe(type: TypeNode): string {
  if (type.kind === 'ref') return `\`${type.name}\``;
  if (type.kind === 'literal') return JSON.stringify(type.value);
  if (type.kind === 'array') return `${describe(type.items)}[]`;
  if (type.kind === 'union') return type.members.map(describe).join(' | ');
  return type.kind;
}

function list(values: readonly (string | number)[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}
