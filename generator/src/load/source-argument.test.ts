import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSourceArgument } from './source-argument.js';

describe('resolveSourceArgument', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cg-source-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, text: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };

  it('reads a connector.yaml: its spec, relative to it', async () => {
    const config = await file('connector.yaml', 'name: pets\nspec: ./openapi.yaml\n');
    expect(await resolveSourceArgument(config)).toMatchObject({ spec: join(dir, 'openapi.yaml'), configFile: config, config: { name: 'pets' } });
  });

  it.each([
    ['one-line JSON opening with openapi', '{"openapi":"3.0.1","paths":{},\n"spec":"x"}'],
    ['YAML opening with swagger after a document marker', '---\nswagger: "2.0"\nspec: x\n'],
    ['JSON with openapi on a later line', '{\n  "info": {},\n  "openapi": "3.0.0",\n  "spec": "x"\n}'],
    ['a document without a spec key', '{"info": {}, "paths": {}}'],
  ])('takes %s as the spec itself', async (_, text) => {
    const spec = await file('openapi.json', text);
    expect(await resolveSourceArgument(spec)).toEqual({ spec });
  });
});
