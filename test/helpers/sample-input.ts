/**
 * Values that satisfy a JSON Schema, for calling every action of a generated connector with input
 * a strict validator (Prism) accepts. Prefers what the spec offers (`example`, `examples`,
 * `default`, `enum`, `const`), then builds a value from the type and its constraints. Two modes:
 * `required` fills only required properties, `all` fills every optional one too.
 */
import RandExp from 'randexp';

export type JsonSchema = Record<string, any>;
export type ResolveRef = (ref: string) => JsonSchema | undefined;
export type SampleMode = 'required' | 'all';

const FORMATS: Record<string, string> = {
  'date-time': '2024-01-02T03:04:05Z',
  date: '2024-01-02',
  time: '03:04:05Z',
  email: 'user@example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  uri: 'https://example.com/a',
  url: 'https://example.com/a',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'aGVsbG8=',
  password: 'secret-pass',
};

export function sampleValue(schema: JsonSchema | boolean | undefined, resolve: ResolveRef, mode: SampleMode, depth = 0): unknown {
  if (schema === undefined || schema === true || schema === false) return 'x';
  if (typeof schema.$ref === 'string') {
    // A required chain may run deep (AWS nests prompts in slots in intents); a cycle of required
    // links cannot end, so it is cut at depth 32. Optional links stop at depth 8, below.
    if (depth > 32) return undefined;
    return sampleValue(resolve(schema.$ref), resolve, mode, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (schema.example !== undefined && isPlausible(schema, schema.example)) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined && isPlausible(schema, schema.default)) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v: unknown) => v !== null && v !== '') ?? schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      const resolved = part.$ref ? resolve(part.$ref) ?? {} : part;
      Object.assign(merged.properties, resolved.properties ?? {});
      merged.required.push(...(resolved.required ?? []));
      if (resolved.type && resolved.type !== 'object') return sampleValue(resolved, resolve, mode, depth + 1);
    }
    return sampleValue({ ...schema, allOf: undefined, ...merged }, resolve, mode, depth + 1);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key]) && schema[key].length > 0) {
      const nonNull = schema[key].find((s: JsonSchema) => s.type !== 'null') ?? schema[key][0];
      return sampleValue(nonNull, resolve, mode, depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined)) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return sampleNumber(schema, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const count = Math.max(1, schema.minItems ?? 1);
      const items = Array.from({ length: count }, () => sampleValue(schema.items, resolve, mode, depth + 1)).filter((v) => v !== undefined);
      return schema.uniqueItems ? [...new Set(items.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v)) : items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [name, property] of Object.entries<JsonSchema>(schema.properties ?? {})) {
        if (!required.has(name) && (mode === 'required' || depth > 8)) continue;
        if (property.readOnly) continue;
        const value = sampleValue(property, resolve, mode, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    default:
      return 'x';
  }
}

function sampleString(schema: JsonSchema): string {
  if (schema.format === 'binary') return 'binary-content';
  const base = (schema.format && FORMATS[schema.format]) ?? 'sample';
  const fits = (value: string) =>
    (schema.minLength === undefined || value.length >= schema.minLength) &&
    (schema.maxLength === undefined || value.length <= schema.maxLength) &&
    (!schema.pattern || safeTest(schema.pattern, value));
  if (schema.pattern) {
    // Shortest expansion first, then longest, then seeded random ones, until lengths fit too.
    const strategies: ((low: number, high: number) => number)[] = [(low) => low, (_low, high) => high];
    const random = seeded(schema.pattern.length);
    for (let i = 0; i < 20; i++) strategies.push((low, high) => low + Math.floor(random() * (high - low + 1)));
    for (const pick of strategies) {
      try {
        const generator = new RandExp(schema.pattern);
        generator.randInt = pick;
        generator.max = Math.max(3, schema.minLength ?? 0);
        const value = generator.gen();
        if (fits(value)) return value;
      } catch {
        break; // An invalid pattern: lint reports it; fall back to the plain sample.
      }
    }
  }
  let value = base;
  if (schema.minLength && value.length < schema.minLength) value = value.padEnd(schema.minLength, 'x');
  if (schema.maxLength !== undefined && value.length > schema.maxLength) value = value.slice(0, schema.maxLength);
  return value;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const low = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : schema.minimum;
  const high = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : schema.maximum;
  let value = low ?? (high !== undefined ? Math.min(high, 1) : 1);
  if (schema.exclusiveMinimum === true && value === schema.minimum) value += 1;
  if (schema.multipleOf) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return integer ? Math.ceil(value) : value;
}

/** Specs often give examples of the wrong type; only use ones that fit. */
function isPlausible(schema: JsonSchema, value: unknown): boolean {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (Array.isArray(schema.enum) && !schema.enum.some((v: unknown) => JSON.stringify(v) === JSON.stringify(value))) return false;
  switch (type) {
    case 'string':
      return typeof value === 'string' && (!schema.pattern || safeTest(schema.pattern, value));
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}
