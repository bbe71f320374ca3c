// Adversarial OpenAPI documents for the generator: every string slot a spec offers (titles,
// descriptions, names, enum values, defaults, examples, paths, server URLs) filled with text that
// would break out of a comment, a string literal, a template literal or an identifier if the
// generator pasted it into code unescaped, plus structural stress (deep nesting, huge enums,
// cycles). Each payload that could execute carries SENTINEL, so a test can import the generated
// code and check nothing ran, and scan the code's tokens for SENTINEL outside strings and comments.
//
// Plain JavaScript so both the test suite (vitest) and bench scripts (node) can import it.
// Deterministic: the same seed gives the same documents.

/** The identifier an injected payload would touch. It must never appear as a code token. */
export const SENTINEL = '__cg_pwned';

const PAYLOADS = [
  `*/ globalThis.${SENTINEL} = 1; /*`,
  `\`; globalThis.${SENTINEL} = 1; \``,
  `\${globalThis.${SENTINEL} = 1}`,
  `'); globalThis.${SENTINEL} = 1; ('`,
  `"); globalThis.${SENTINEL} = 1; ("`,
  `\n globalThis.${SENTINEL} = 1;\n// `,
  `\u2028globalThis.${SENTINEL} = 1;\u2029`,
  `\\'; globalThis.${SENTINEL} = 1; //`,
  `</script><script>globalThis.${SENTINEL}=1</script>`,
  `{{${SENTINEL}}} {{{${SENTINEL}}}} {{> ${SENTINEL}}}`,
  `\r\n*/\r\nglobalThis.${SENTINEL} = 1;`,
  `-->${SENTINEL}<!--`,
  // Trojan Source (CVE-2021-42574): bidi controls that make code display unlike how it parses.
  `\u202e\u2066 globalThis.${SENTINEL} = 1; \u2069\u2066// \u202a\u202b\u202c\u202d\u2067\u2068\u200e\u200f`,
];

const NAMES = [
  '__proto__', 'constructor', 'prototype', 'class', 'default', 'delete', 'function', 'new', 'this',
  'await', 'yield', 'enum', 'interface', 'type', 'let', 'static', 'import', 'export', 'void', 'null',
  'undefined', 'NaN', 'toString', 'hasOwnProperty', 'valueOf', 'body', 'options', 'input', 'client',
  '123start', 'with space', 'with-dash', 'with.dot', 'with/slash', 'ünïcödé', '日本語', 'emoji😀',
  'zero\u200bwidth', 'rtl\u202ename', '$dollar', '_', '', ' ', 'A', 'a'.repeat(300),
];

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One hostile document.
 * @param {number} seed
 * @returns {Record<string, unknown>}
 */
export function hostileSpec(seed) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const payload = () => pick(PAYLOADS);
  // Names carry payload fragments but never the whole SENTINEL: a spec may legitimately name a
  // property `__cg_pwned`, and the generator would rightly make it an identifier.
  const fragment = (length) => pick(PAYLOADS).slice(0, length).replaceAll(SENTINEL, '_x_');
  const name = () => (random() < 0.5 ? pick(NAMES) : pick(NAMES) + fragment(12));
  const text = () => `${pick(['Text', 'Note', ''])} ${payload()} ${random() < 0.2 ? payload() : ''}`;
  const version = random() < 0.5 ? '3.0.3' : '3.1.0';

  const schemas = {};
  const schemaNames = [];
  const schemaCount = 2 + Math.floor(random() * 5);
  for (let i = 0; i < schemaCount; i++) schemaNames.push(`${name()}${i}`);
  // Awkward names can collide after sanitising (`with-dash` vs `with.dash`); keep them anyway.
  for (const [i, schemaName] of schemaNames.entries()) {
    const next = schemaNames[(i + 1) % schemaNames.length];
    const properties = {};
    const required = [];
    const propertyCount = 1 + Math.floor(random() * 6);
    for (let p = 0; p < propertyCount; p++) {
      const prop = name();
      properties[prop] = propertySchema(random, pick, payload, text, version);
      if (random() < 0.3) required.push(prop);
    }
    // A cycle through the schemas (A -> B -> ... -> A), and sometimes a direct self-reference.
    properties[`link${i}`] = { $ref: `#/components/schemas/${escapeRef(next)}` };
    if (random() < 0.3) properties.self = { $ref: `#/components/schemas/${escapeRef(schemaName)}` };
    schemas[schemaName] = {
      type: 'object',
      description: text(),
      properties,
      ...(required.length ? { required: [...new Set(required)] } : {}),
      ...(random() < 0.3 ? { additionalProperties: { type: 'string', description: text() } } : {}),
    };
  }
  schemas[`Deep${seed}`] = deepSchema(20 + Math.floor(random() * 40), text);
  schemas[`HugeEnum${seed}`] = { type: 'string', enum: Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? `${payload()}${i}` : `v${i}`)) };
  schemas[`Union${seed}`] = {
    oneOf: [{ $ref: `#/components/schemas/${escapeRef(schemaNames[0])}` }, { type: 'string', enum: [payload(), payload()] }],
  };

  const paths = {};
  const pathCount = 2 + Math.floor(random() * 4);
  for (let i = 0; i < pathCount; i++) {
    const segment = encodeURIComponent(name() || 'x').slice(0, 40);
    const paramName = name() || 'p';
    const path = `/${segment}${i}/{${paramName.replace(/[{}/]/g, '')}}`;
    const actualParam = paramName.replace(/[{}/]/g, '');
    paths[path] = {
      get: {
        operationId: `${name()}${fragment(20)}${i}`,
        summary: text(),
        description: text(),
        tags: [name() || 'tag', fragment(30)],
        deprecated: random() < 0.3,
        parameters: [
          { name: actualParam, in: 'path', required: true, description: text(), schema: { type: 'string', example: payload() } },
          { name: name() || 'q', in: 'query', description: text(), schema: { type: 'string', enum: [payload(), payload(), 'plain'], default: 'plain' } },
          { name: `X-${(name() || 'h').replace(/[^A-Za-z0-9-]/g, '')}`, in: 'header', description: text(), schema: { type: 'integer', default: 3 } },
        ],
        responses: {
          200: {
            description: text(),
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${escapeRef(pick(schemaNames))}` }, example: { [payload()]: payload() } } },
          },
          default: { description: text() },
        },
      },
      post: {
        operationId: pick(NAMES) || 'post',
        description: text(),
        requestBody: {
          description: text(),
          required: random() < 0.5,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${escapeRef(pick(schemaNames))}` } } },
        },
        responses: { 201: { description: text() } },
      },
    };
  }

  return {
    openapi: version,
    info: {
      title: `${pick(NAMES)} ${payload()}`,
      description: text(),
      version: `1.0.0${fragment(8)}`,
      contact: { name: payload(), url: `https://example.test/${encodeURIComponent(payload())}` },
    },
    servers: [{ url: `https://{sub}.example.test/${encodeURIComponent(payload())}`, description: text(), variables: { sub: { default: payload().replace(/[{}]/g, ''), description: text() } } }],
    tags: [{ name: payload(), description: text() }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        [pick(NAMES) || 'key']: { type: 'apiKey', in: 'header', name: `X-Key-${seed}`, description: text() },
      },
    },
  };
}

function propertySchema(random, pick, payload, text, version) {
  const roll = random();
  if (roll < 0.2) return { type: 'string', enum: [payload(), payload(), ''], default: payload(), description: text() };
  if (roll < 0.35) return { type: 'array', items: { type: 'string', example: payload() }, description: text() };
  if (roll < 0.5) return version === '3.1.0' ? { type: ['string', 'null'], const: payload() } : { type: 'string', nullable: true, pattern: payload() };
  if (roll < 0.6) return { type: 'integer', enum: [1, 2, 3], default: 2, example: payload() };
  if (roll < 0.7) return { type: 'object', additionalProperties: { type: 'number' }, description: text(), readOnly: true };
  if (roll < 0.8) return { allOf: [{ type: 'object', properties: { [payload()]: { type: 'string' } } }], writeOnly: true };
  return { type: 'string', format: payload(), title: text(), examples: [payload()] };
}

function deepSchema(depth, text) {
  let schema = { type: 'string', description: text() };
  for (let i = 0; i < depth; i++) schema = { type: 'object', properties: { [`level${i}`]: schema } };
  return schema;
}

function escapeRef(name) {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `count` documents from consecutive seeds. */
export function hostileSpecs(count, firstSeed = 1) {
  return Array.from({ length: count }, (_, i) => hostileSpec(firstSeed + i));
}
