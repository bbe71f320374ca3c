/**
 * Guard for lint's departures from stock Spectral: the replacement of spectral:oas's example
 * validator (valid-example.ts, which deep-imports Spectral's dist/), the process-wide switch of Ajv's
 * code optimiser, and the deep-scan rules rewired onto one walk of the resolved document
 * (deep-rules.ts, resolved-walk.ts). All must leave the findings exactly as `spectral lint` with
 * spectral:oas gives them; this compares the two (code, path, severity, message, range) on crafted
 * documents and on every spec under specs/. The Spectral packages are pinned to exact versions in
 * generator/package.json, so an upgrade is a deliberate change that runs this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import * as formats from '@stoplight/spectral-formats';
import spectralParsers from '@stoplight/spectral-parsers';
import { createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../load/index.js';
import { ARRAY_PROPERTIES_TARGETS } from './deep-rules.js';
import { GIVEN } from './resolved-walk.js';
import { runOasRules } from './run.js';

const OAS3 = `openapi: 3.0.3
info: {title: Pets, version: "1", description: d, contact: {name: c}}
servers: [{url: "https://api.example.org"}]
tags: [{name: pets, description: p}]
paths:
  /pets:
    post:
      operationId: createPet
      description: d
      tags: [pets]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
            examples:
              good: {value: {name: Rex, secret: s}}
              missingName: {value: {secret: s}}
              wrongType: {value: {name: 5}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {id: 1, name: Rex}
        '400':
          description: bad
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {name: Rex, secret: 3}
components:
  schemas:
    Pet:
      type: object
      required: [id, name, secret]
      properties:
        id: {type: integer, readOnly: true, example: 'not a number'}
        name: {type: string, nullable: true, example: null, default: 7}
        secret: {type: string, writeOnly: true}
        tags:
          type: array
          items: {type: string, enum: [a, b], example: c}
          example: [a, b]
        nested:
          not: {type: object, properties: {id: {type: integer, readOnly: true}}, required: [id]}
          example: {id: 1}
`;

const SWAGGER2 = `swagger: "2.0"
info: {title: Pets, version: "1", description: d, contact: {name: c}}
host: api.example.org
schemes: [https]
tags: [{name: pets, description: p}]
paths:
  /pets:
    get:
      operationId: listPets
      description: d
      tags: [pets]
      produces: [application/json]
      parameters:
        - {name: limit, in: query, type: integer, x-example: many}
      responses:
        '200':
          description: ok
          schema: {$ref: '#/definitions/Pet'}
          examples:
            application/json: {id: x}
definitions:
  Pet:
    type: object
    required: [id]
    properties:
      id: {type: integer, x-nullable: true, example: null}
      name: {type: string, example: 5, default: true}
`;

// The deep-scan rules (enum, typed-enum, markdown, examples) where a shared component is reached
// from a request and a response, a ref to a ref, a cycle, a property named like a keyword, a
// component named `properties`, a YAML alias, a schema Ajv cannot compile given two examples.
const DEEP = `openapi: 3.0.3
info: {title: Deep, version: "1", description: "runs eval(x)", contact: {name: c}}
servers: [{url: "https://api.example.org"}]
tags: [{name: t, description: "<script>alert(1)</script>"}]
paths:
  /items:
    post:
      operationId: createItem
      description: d
      tags: [t]
      parameters:
        - name: mode
          in: query
          description: &desc "pick one, eval(me)"
          schema: {type: string, enum: [a, b, a], example: c}
          example: zz
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
            example: {name: x}
      responses:
        '200': {$ref: '#/components/responses/Item'}
        '201':
          description: *desc
          headers:
            X-Rate: {schema: {type: integer, enum: [1, "2"]}, example: high}
            X-Other: {schema: {type: string}, examples: {x: {externalValue: a, value: b}}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Alias'}
              examples:
                one: {value: {id: 1, name: 2}}
                two: {externalValue: "https://example.org/x.json"}
components:
  responses:
    Item:
      description: item
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Item'}
          example: {id: "1", name: x, secret: s}
  schemas:
    Alias: {$ref: '#/components/schemas/Item'}
    Nullish: {nullable: true, allOf: [{type: string}], example: 1, default: 2}
    Objects: {type: object, enum: [{a: 1}, {a: 1}], example: {a: 1}}
    Lists:
      type: object
      properties:
        list: {type: array}
        odd: {type: [array]}
        sibling: {$ref: '#/components/schemas/Objects', description: beside a ref}
  examples:
    Both: {value: 1, externalValue: "https://example.org/1"}
    Neither: {summary: nothing}
    Plain: 7
  parameters:
    Q:
      name: q
      in: query
      schema: {type: string}
      examples: {e: {summary: no value}, f: {value: ok}}
  headers:
    H:
      schema: {type: string}
      examples: {e: {summary: no value either}}
    properties: {type: string, enum: [x, x], example: 5}
    Item:
      type: object
      title: "Item <script>"
      required: [id, name, secret]
      properties:
        id: {type: integer, readOnly: true, enum: [1, 1, 2], example: 3}
        name: {type: string, default: 4}
        secret: {type: string, writeOnly: true}
        description: {type: string, description: "eval(1)", enum: [p, p]}
        properties: {type: object, properties: {enum: {type: array, example: 1}}}
        parent: {$ref: '#/components/schemas/Item'}
        tags: {type: array, items: {type: string, enum: [b, b]}, example: [1]}
`;

async function stock(text: string, uri: string) {
  const spectral = new Spectral({ resolver: createHttpAndFileResolver() });
  spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] } as RulesetDefinition);
  const results = await spectral.run(new Document(text, spectralParsers.Yaml, uri));
  const severities = ['error', 'warn', 'info', 'hint'];
  return results
    .map((r) => `${String(r.code)} ${severities[r.severity]} ${r.path.join('/')} ${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message} ${r.source ?? ''}`)
    .sort();
}

async function ours(text: string, uri: string) {
  const spec = parseSpec(text, uri);
  const source = { uri, text, format: 'yaml' as const, document: spec.document };
  const found = await runOasRules(source, () => undefined, {}, createHttpAndFileResolver());
  const path = (pointer: string) => pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('/');
  return found.map((d) => `${d.code} ${d.severity} ${path(d.pointer)} ${d.start?.line}:${d.start?.column} ${d.message} ${d.file ?? ''}`).sort();
}

describe('lint findings equal spectral:oas', () => {
  it.each([
    ['OpenAPI 3.0', OAS3],
    ['Swagger 2.0', SWAGGER2],
  ])('%s', async (_name, text) => {
    // Stock Spectral first (for the first fixture, before our run switches Ajv's optimiser off).
    const expected = await stock(text, '/fixtures/parity.yaml');
    const actual = await ours(text, '/fixtures/parity.yaml');
    expect(expected.filter((f) => /example/.test(f)).length).toBeGreaterThan(3);
    expect(actual).toEqual(expected);
  });

  it('the deep-scan rules on shared, aliased and cyclic nodes', async () => {
    const expected = await stock(DEEP, '/fixtures/deep.yaml');
    const actual = await ours(DEEP, '/fixtures/deep.yaml');
    for (const id of Object.keys(GIVEN).filter((r) => !r.startsWith('oas2'))) expect(expected.some((f) => f.startsWith(`${id} `)), id).toBe(true);
    expect(actual).toEqual(expected);
  });

  // Every spec under specs/ (YAML and JSON both read as Spectral reads them), in one test so a
  // failure names the spec.
  it('every spec under specs/', async () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../specs');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('connector.yaml') && !/mappings/.test(f)).sort();
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const uri = join(root, file);
      const text = readFileSync(uri, 'utf8');
      if (!/^\s*["']?(openapi|swagger)["']?\s*:/m.test(text) || /\$ref["']?\s*:\s*["']?https?:/.test(text)) continue;
      const expected = await stock(text, uri);
      const actual = await ours(text, uri);
      expect({ spec: relative(root, uri), findings: actual }).toEqual({ spec: relative(root, uri), findings: expected });
    }
  }, 120_000);

  it('mirrors the given paths of the installed spectral:oas', () => {
    const ruleset = oas as unknown as { rules: Record<string, { given: string | string[] }>; aliases: { ArrayProperties: { targets: { formats: unknown[]; given: string[] }[] } } };
    for (const [id, given] of Object.entries(GIVEN)) expect([ruleset.rules[id]?.given].flat(), id).toEqual(given);
    const byName = formats as unknown as Record<string, unknown>;
    expect(ruleset.aliases.ArrayProperties.targets).toEqual(ARRAY_PROPERTIES_TARGETS.map((t) => ({ ...t, formats: t.formats.map((f) => byName[f]) })));
  });
});
