/**
 * Guard for lint's two departures from stock Spectral (valid-example.ts): the replacement of
 * spectral:oas's example validator (which deep-imports Spectral's dist/) and the process-wide switch
 * of Ajv's code optimiser. Both must leave the findings exactly as `spectral lint` with spectral:oas
 * gives them; this compares the two on fixtures full of example cases. The Spectral packages are
 * pinned to exact versions in generator/package.json, so an upgrade is a deliberate change that runs
 * this test.
 */
import { Document, Spectral, type RulesetDefinition } from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { createHttpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../load/index.js';
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

async function stock(text: string, uri: string) {
  const spectral = new Spectral({ resolver: createHttpAndFileResolver() });
  spectral.setRuleset({ extends: [[oas as RulesetDefinition, 'recommended']] } as RulesetDefinition);
  const results = await spectral.run(new Document(text, spectralParsers.Yaml, uri));
  return results.map((r) => `${String(r.code)} ${r.path.join('/')} ${r.message}`).sort();
}

async function ours(text: string, uri: string) {
  const spec = parseSpec(text, uri);
  const source = { uri, text, format: spec.format, document: spec.document };
  const found = await runOasRules(source, () => undefined, {}, createHttpAndFileResolver());
  return found.map((d) => `${d.code} ${d.pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('/')} ${d.message}`).sort();
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
});
