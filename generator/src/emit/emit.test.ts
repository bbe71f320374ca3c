import { describe, expect, it } from 'vitest';
import { smallIR } from './__fixtures__/small-ir.js';
import { emit } from './index.js';

describe('emit', () => {
  it('returns the package files in sorted order', () => {
    expect([...emit(smallIR).keys()]).toEqual([
      'connector.json',
      'package.json',
      'README.md',
      'src/actions/default.ts',
      'src/actions/pets.ts',
      'src/index.ts',
      'src/types.ts',
      'tsconfig.json',
    ].sort());
  });

  it('is a pure function: two runs give identical text', () => {
    expect(emit(smallIR)).toEqual(emit(smallIR));
  });

  it('writes package.json and connector.json as valid JSON', () => {
    const files = emit(smallIR);
    const pkg = JSON.parse(files.get('package.json')!);
    expect(pkg).toMatchObject({ name: '@acme/petstore', type: 'module', dependencies: { '@connectgen/runtime': expect.any(String) } });
    const manifest = JSON.parse(files.get('connector.json')!);
    expect(manifest.actions.map((a: { name: string }) => a.name)).toEqual(['listPets', 'createPet', 'ping']);
    expect(manifest.actions[0].pagination).toMatchObject({ type: 'offset', item: { $ref: '#/$defs/Pet' } });
    expect(manifest.actions[1].input.properties.body).toMatchObject({ $ref: '#/$defs/PetInput' });
  });
});
