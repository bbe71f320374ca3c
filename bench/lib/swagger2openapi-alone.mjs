#!/usr/bin/env node
// swagger2openapi on its own, as connectgen calls it (generator/src/convert/swagger2.ts: the same
// options), reading a JSON Swagger 2.0 file and writing the OpenAPI 3 result as JSON: the peer that
// bench/convert.mjs measures `connectgen convert` against.
//
//   node bench/lib/swagger2openapi-alone.mjs <swagger.json> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(import.meta.dirname, '..', '..', 'generator', 'package.json'));
const converter = require('swagger2openapi');
const [input, output] = process.argv.slice(2);
const { openapi } = await converter.convertObj(JSON.parse(readFileSync(input, 'utf8')), { patch: true, warnOnly: true, warnProperty: 'x-s2o-warning', source: input, text: '-' });
writeFileSync(output, JSON.stringify(openapi, null, 2) + '\n');
