/**
 * Seeded random Swagger 2.0 documents built from the constructs the direct converter handles and
 * some it declines, sprinkled with the details swagger2openapi treats specially (nulls, `$ref`
 * siblings, collection formats, shared bodies, form fields, examples per media type). direct.test.ts and
 * bench/swagger2-direct-sweep.mjs convert each with both converters: a sample of shapes no
 * hand-written case list covers. The same seed gives the same document.
 */
type Doc = Record<string, any>;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSwagger(seed: number): Doc {
  const next = random(seed);
  const chance = (p: number) => next() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const media = ['application/json', 'application/xml', 'text/plain', 'application/json;stream=watch', '*/*'];
  const mediaList = () => (chance(0.2) ? [] : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(media)));
  // One document in five also holds constructs the direct converter declines.
  const wild = chance(0.2);
  const rare = (p: number) => wild && chance(p);
  const names = ['Pet', 'Owner', 'io.k8s.api.v1.Thing', 'Error_Model', 'List-Item'];

  const schema = (depth: number): Doc => {
    if (depth > 0 && chance(0.3)) return chance(0.3) ? { $ref: `#/definitions/${pick(names)}`, description: 'dropped' } : { $ref: `#/definitions/${pick(names)}` };
    const type = pick(['object', 'array', 'string', 'integer', 'boolean', 'file', 'number']);
    const out: Doc = { type };
    if (chance(0.3)) out['description'] = chance(0.2) ? null : 'text';
    if (chance(0.2)) out['x-nullable'] = chance(0.5);
    if (chance(0.1)) out['allowEmptyValue'] = true;
    if (chance(0.15)) out['default'] = chance(0.5) ? null : 1;
    if (chance(0.15)) out['example'] = chance(0.5) ? { a: null, ref: { $ref: `#/definitions/${pick(names)}` } } : [null, 1];
    if (rare(0.05)) out['enum'] = ['a', null];
    if (rare(0.05)) out['type'] = ['string', 'null'];
    if (type === 'object' && depth < 3) {
      out['properties'] = {};
      for (let i = 0; i < 1 + Math.floor(next() * 3); i++) out['properties'][`p${i}`] = schema(depth + 1);
      if (chance(0.3)) out['discriminator'] = 'p0';
      if (chance(0.2)) out['additionalProperties'] = chance(0.5) ? true : schema(depth + 1);
      if (chance(0.2)) out['allOf'] = [schema(depth + 1), schema(depth + 1)];
    }
    if (type === 'array' && chance(0.7) && depth < 3) out['items'] = schema(depth + 1);
    return out;
  };

  const parameter = (location: string, index: number): Doc => {
    if (location === 'body') {
      const body: Doc = { name: chance(0.9) ? 'body' : `payload_${index}`, in: 'body', schema: chance(0.5) ? { $ref: `#/definitions/${pick(names)}` } : schema(1) };
      if (chance(0.5)) body['required'] = chance(0.7);
      if (chance(0.5)) body['description'] = pick(['the body', 'payload', null]);
      if (chance(0.2)) body['x-body-extension'] = { a: 1 };
      return body;
    }
    if (location === 'formData' && wild) return { name: `f${index}`, in: 'formData', type: pick(['string', 'file']) };
    const type = pick(['string', 'integer', 'boolean', 'array', 'number']);
    const param: Doc = { name: `${location}${index}`, in: location === 'formData' ? 'query' : location, type };
    if (location === 'path' && chance(0.7)) param['required'] = true;
    if (type === 'array') {
      param['items'] = { type: pick(['string', 'integer']), ...(chance(0.2) ? { collectionFormat: pick(['csv', 'multi']) } : {}) };
      if (chance(0.7)) param['collectionFormat'] = pick(['csv', 'csv', 'multi', 'ssv', 'pipes', ...(wild ? ['tsv'] : [])]);
      if (param['collectionFormat'] && param['collectionFormat'] !== 'csv' && param['items']['collectionFormat'] && !wild) delete param['items']['collectionFormat'];
    } else if (chance(0.05)) {
      param['collectionFormat'] = 'csv';
    }
    for (const key of ['format', 'minimum', 'maxLength', 'enum', 'default', 'uniqueItems', 'pattern', 'description', 'allowEmptyValue']) {
      if (chance(0.1)) param[key] = key === 'enum' ? ['a', 'b'] : key === 'uniqueItems' || key === 'allowEmptyValue' ? true : key === 'pattern' || key === 'description' || key === 'format' ? 'x' : 3;
    }
    if (rare(0.05)) param['x-example'] = 'e';
    return param;
  };

  /** A formData parameter: every member swagger2openapi copies into the form schema's property. */
  const formParameter = (index: number): Doc => {
    const type = pick(['string', 'integer', 'file', 'array', 'boolean', 'number']);
    const param: Doc = { name: chance(0.15) ? 'f0' : `f${index}`, in: 'formData', type };
    if (chance(0.5)) param['required'] = chance(0.7);
    if (chance(0.3)) param['description'] = pick(['a field', '']);
    if (chance(0.2)) param['example'] = pick(['ex', 0, { a: null }]);
    if (type === 'array' && chance(0.8)) param['items'] = { type: pick(['string', 'integer']), ...(chance(0.2) ? { collectionFormat: 'csv', 'x-nullable': true } : {}) };
    if (type === 'array' && chance(0.3)) param['collectionFormat'] = pick(['csv', 'multi', ...(wild ? ['ssv', 'pipes', 'tsv'] : [])]);
    for (const key of ['format', 'maximum', 'enum', 'default', 'maxLength']) {
      if (chance(0.1)) param[key] = key === 'enum' ? ['a', 'b'] : key === 'format' ? 'x' : 5;
    }
    if (chance(0.1)) param['allOf'] = [{ type: 'string' }];
    if (chance(0.15)) param['x-field'] = { order: index };
    if (chance(0.1)) param['x-nullable'] = true;
    return param;
  };

  const response = (): Doc => {
    const out: Doc = chance(0.1) ? {} : { description: chance(0.1) ? pick(['', null]) : 'OK' };
    if (chance(0.6)) out['schema'] = schema(1);
    if (chance(0.2)) out['examples'] = { [pick(media)]: { a: 1 }, ...(chance(0.5) ? { 'text/csv': 'a,b' } : {}) };
    if (chance(0.2)) {
      const array = chance(0.5);
      out['headers'] = { 'X-Rate': { type: array ? 'array' : 'integer', ...(array ? { items: { type: 'string' } } : { format: 'int32' }), ...(chance(0.3) ? { description: 'r' } : {}) } };
    }
    return out;
  };

  const doc: Doc = { swagger: '2.0', info: { title: 'Random', version: '1', ...(chance(0.2) ? { termsOfService: pick(['https://t.test', 'terms']) } : {}) } };
  if (chance(0.5)) doc['host'] = pick(['api.test', 'api.{region}.test']);
  if (chance(0.5)) doc['basePath'] = pick(['/v1', '/v1/', '/']);
  if (chance(0.5)) doc['schemes'] = chance(0.5) ? ['https'] : ['https', 'http'];
  if (chance(0.5)) doc['consumes'] = mediaList();
  if (chance(0.5)) doc['produces'] = mediaList();
  const definitions: Doc = {};
  for (const name of names) definitions[name] = schema(0);
  const parameters: Doc = { limit: parameter('query', 0), sharedBody: parameter('body', 0) };
  if (wild) parameters['sharedForm'] = formParameter(9);
  const responses: Doc = { NotFound: response() };
  const paths: Doc = {};
  const shared = parameter('body', 99);
  for (let p = 0; p < 2 + Math.floor(next() * 6); p++) {
    const item: Doc = {};
    if (chance(0.3)) item['parameters'] = [chance(0.5) ? { $ref: '#/parameters/limit' } : { ...parameter('path', p), required: true }];
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      if (chance(0.5)) continue;
      const op: Doc = { responses: { '200': response() } };
      if (chance(0.8)) op['operationId'] = pick([`op${p}${method}`, 'create', 'list items', `${method}/${p}`]);
      if (chance(0.3)) op['responses']['404'] = { $ref: '#/responses/NotFound' };
      if (chance(0.2)) op['responses']['default'] = response();
      if (chance(0.3)) op['consumes'] = mediaList();
      if (chance(0.3)) op['produces'] = mediaList();
      if (chance(0.2)) op['schemes'] = [pick(['https', 'http'])];
      if (op['schemes'] && (doc['host'] || doc['basePath']) && !wild) op['schemes'] = doc['schemes'] ?? [];
      if (chance(0.1)) op['security'] = [{ key: [] }];
      if (chance(0.85)) {
        op['parameters'] = [];
        for (let i = 0; i < Math.floor(next() * 4); i++) op['parameters'].push(parameter(pick(['query', 'header', 'query', 'formData']), i));
        if (chance(0.25)) {
          // A form: its fields, multipart or urlencoded by `consumes` (mixed with a body, or shared, only in wild ones).
          if (chance(0.5)) op['consumes'] = pick([['multipart/form-data'], ['application/x-www-form-urlencoded'], ['application/json', 'multipart/form-data'], []]);
          for (let i = 0; i < 1 + Math.floor(next() * 3); i++) op['parameters'].push(formParameter(i));
          if (rare(0.2)) op['parameters'].push(parameter('body', 1));
          if (rare(0.2)) op['parameters'].push({ $ref: '#/parameters/sharedForm' });
        } else if (chance(0.4)) op['parameters'].push(chance(0.3) ? { $ref: '#/parameters/sharedBody' } : chance(0.5) ? structuredClone(shared) : parameter('body', 1));
        if (chance(0.2)) op['parameters'].push({ $ref: '#/parameters/limit' });
      }
      // Members in another order too: a request body goes right after `parameters`.
      item[method] = op['parameters'] && chance(0.5) ? { description: 'd', parameters: op['parameters'], ...op } : op;
    }
    paths[`/things/{id}/${p}`] = item;
  }
  doc['paths'] = paths;
  doc['definitions'] = definitions;
  doc['parameters'] = parameters;
  doc['responses'] = responses;
  doc['securityDefinitions'] = pick([{ key: { type: 'apiKey', name: 'k', in: 'header' } }, { key: { type: 'basic' } }, { key: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://a.test/auth?x=1', scopes: {} } }]);
  if (chance(0.3)) doc['tags'] = [{ name: 't', description: null }];
  // A tree, as JSON.parse gives.
  return JSON.parse(JSON.stringify(doc)) as Doc;
}
