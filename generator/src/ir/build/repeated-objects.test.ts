import { describe, expect, it } from 'vitest';
import type { ObjectType, SchemaIR, TypeNode } from '../types.js';
import { nameRepeatedObjects } from './repeated-objects.js';

/** An inline object big enough to be worth a name (its JSON passes 1,500 characters). */
function bigObject(tag: string): ObjectType {
  return {
    kind: 'object',
    additionalProperties: false,
    properties: Array.from({ length: 30 }, (_, i) => ({ name: `${tag}_field_${i}`, type: { kind: 'string' }, required: i % 2 === 0, description: `The ${tag} field number ${i}.` })),
  };
}

const schema = (name: string, type: TypeNode): SchemaIR => ({ name, specName: name, pointer: `/components/schemas/${name}`, type });
const object = (properties: Record<string, TypeNode>): ObjectType => ({
  kind: 'object',
  additionalProperties: false,
  properties: Object.entries(properties).map(([name, type]) => ({ name, type, required: true })),
});

describe('nameRepeatedObjects', () => {
  it('names an inline object two schemas repeat after its first place, and refers to it from both', () => {
    const out = nameRepeatedObjects([
      schema('PullRequestOpened', object({ pull_request: object({ base: bigObject('ref') }) })),
      schema('PullRequestClosed', object({ pull_request: object({ head: bigObject('ref') }), labels: { kind: 'array', items: bigObject('label') } })),
      schema('Labelled', object({ labels: { kind: 'array', items: bigObject('label') } })),
    ]);
    // Named after the first place in the order given (the IR's schema name order).
    expect(out.map((s) => s.name)).toEqual(['Labelled', 'PullRequestClosed', 'PullRequestClosedLabelsItem', 'PullRequestOpened', 'PullRequestOpenedPullRequestBase']);
    const hoisted = out.find((s) => s.name === 'PullRequestOpenedPullRequestBase')!;
    expect(hoisted.type).toEqual(bigObject('ref'));
    expect(hoisted.pointer).toBe('/components/schemas/PullRequestOpened/properties/pull_request/properties/base');
    const closed = out.find((s) => s.name === 'PullRequestClosed')!.type as ObjectType;
    expect((closed.properties[0]!.type as ObjectType).properties[0]!.type).toEqual({ kind: 'ref', name: 'PullRequestOpenedPullRequestBase' });
    expect(closed.properties[1]!.type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'PullRequestClosedLabelsItem' } });
  });

  it('leaves an object used once, a small repeated one and a schema`s own root inline', () => {
    const schemas = [
      schema('Once', object({ a: bigObject('once') })),
      schema('Small', object({ a: object({ x: { kind: 'string' } }) })),
      schema('Small2', object({ b: object({ x: { kind: 'string' } }) })),
      schema('RootA', bigObject('root')),
      schema('RootB', bigObject('root')),
    ];
    expect(nameRepeatedObjects(schemas)).toEqual(schemas);
  });
});
