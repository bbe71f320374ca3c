/**
 * Swagger 2.0 -> OpenAPI 3.0 without swagger2openapi, for the documents where we reproduce its
 * output byte for byte: a fast path. swagger2openapi deep-clones the document and walks it whole
 * several times (reftools builds a JSON pointer string per member); this converts one copy in one
 * walk plus the objects it must touch, about a third of the time on Kubernetes' 4 MB spec.
 *
 * swagger2openapi stays the reference: anything it would patch, warn about (x-s2o-warning) or
 * rewrite in ways not mirrored here declines (see decline.ts), and the caller converts with
 * swagger2openapi instead. direct.test.ts compares the two on every Swagger 2.0 spec in specs/ and
 * on edge cases; bench/swagger2-direct-sweep.mjs over whole corpora.
 *
 * The steps and their order are swagger2openapi's (its convertObj and main): the document's own
 * members first, then servers, info, components, security schemes, schemas, shared parameters and
 * responses, paths, and last the request bodies used by several operations.
 */
import { decline, Declined, isNode, type Node } from './decline.js';
import { sanitise, sanitiseAll } from './names.js';
import { BodyParameter, convertParameter, MOVED } from './parameter.js';
import { checkSecurity, convertPaths, mediaTypes, type RequestBodyTable } from './paths.js';
import { convertResponse } from './response.js';
import { fixSchema } from './schema.js';
import { copyTree } from './tree.js';

export type DirectConversion = { readonly document: Record<string, unknown> } | { readonly declined: string };

export interface DirectOptions {
  /** No object of `swagger` is reachable twice (JSON.parse's output): skips checking that. */
  readonly knownTree?: boolean;
}

/** `swagger` is not changed. */
export function convertSwagger2Directly(swagger: Record<string, unknown>, options: DirectOptions = {}): DirectConversion {
  try {
    return { document: convert(swagger, options.knownTree === true) };
  } catch (error) {
    // Anything unexpected is swagger2openapi's to handle (and to report, if it fails too).
    return { declined: error instanceof Declined ? error.reason : `unexpected ${(error as Error).name}` };
  }
}

const UNHANDLED_TOP_LEVEL = ['openapi', 'servers', 'components', 'x-servers', 'x-ms-parameterized-host', 'x-callbacks', 'x-links', 'x-ms-paths'];

function convert(swagger: Node, knownTree: boolean): Node {
  if (swagger['swagger'] !== '2.0') decline('not swagger 2.0');
  for (const key of UNHANDLED_TOP_LEVEL) if (swagger[key] !== undefined) decline(`top-level ${key}`);
  const document: Node = { openapi: '3.0.0', ...copyTree(swagger, knownTree) };
  delete document['swagger'];
  addServers(document, swagger);
  delete document['host'];
  delete document['basePath'];
  checkInfo(document);
  if (!isNode(document['paths'])) decline('paths is not an object');
  const consumes = mediaTypes(document['consumes']);
  const produces = mediaTypes(document['produces']);

  const components = moveIntoComponents(document);
  if (document['security'] !== undefined) checkSecurity(document['security']);
  for (const name of Object.keys(components['securitySchemes'])) {
    if (sanitise(name) !== name) decline(`security scheme name ${name}`);
    convertSecurityScheme(components['securitySchemes'][name]);
  }
  for (const name of Object.keys(components['schemas'])) {
    if (sanitiseAll(name) !== name) decline(`schema name ${name}`);
    fixSchema(components['schemas'][name]);
  }
  const parameters = components['parameters'];
  for (const name of Object.keys(parameters)) {
    if (sanitise(name) !== name) decline(`parameter name ${name}`);
    const converted = convertParameter(parameters[name], { shared: parameters, consumes: consumes ?? [] });
    // A body parameter stays, marked, until the operations that use it have their request bodies.
    if (!(converted instanceof BodyParameter)) parameters[name] = converted;
  }
  for (const name of Object.keys(components['responses'])) {
    if (sanitise(name) !== name) decline(`response name ${name}`);
    components['responses'][name] = convertResponse(components['responses'][name], produces ?? []);
  }

  const bodies: RequestBodyTable = {};
  convertPaths(document['paths'], document, bodies);
  for (const name of Object.keys(components['parameters'])) {
    if (components['parameters'][name][MOVED]) delete components['parameters'][name];
  }
  delete document['consumes'];
  delete document['produces'];
  delete document['schemes'];
  components['requestBodies'] = shareRequestBodies(bodies);
  for (const section of ['responses', 'parameters', 'examples', 'requestBodies', 'securitySchemes', 'headers', 'schemas']) {
    if (Object.keys(components[section]).length === 0) delete components[section];
  }
  if (Object.keys(components).length === 0) delete document['components'];
  return document;
}

/** host, basePath and schemes -> servers, a `{name}` in the URL becoming a variable. */
function addServers(document: Node, swagger: Node): void {
  const { host, basePath, schemes } = swagger;
  if ((host !== undefined && typeof host !== 'string') || (basePath !== undefined && typeof basePath !== 'string')) decline('host or basePath');
  if (schemes !== undefined && (!Array.isArray(schemes) || !schemes.every((s) => typeof s === 'string'))) decline('schemes');
  const urls: string[] = [];
  if (host) {
    for (const scheme of (schemes as string[] | undefined) ?? ['']) urls.push(`${scheme ? `${scheme}:` : ''}//${host}${(basePath ?? '').replace(/\/$/, '')}`);
  } else if (basePath) {
    urls.push(basePath);
  }
  if (urls.length > 0) document['servers'] = urls.map(serverWithVariables);
}

function serverWithVariables(template: string): Node {
  const url = template.split('{{').join('{').split('}}').join('}');
  const server: Node = { url };
  for (const match of url.matchAll(/\{(.+?)\}/g)) {
    server['variables'] ??= {};
    server['variables'][match[1]!] = { default: 'unknown' };
  }
  return server;
}

function checkInfo(document: Node): void {
  const info: unknown = document['info'];
  if (!isNode(info)) decline('info is not an object');
  if (typeof info['title'] !== 'string' || typeof info['version'] !== 'string' || info['logo'] !== undefined) decline('info title, version or logo');
  if (info['termsOfService'] === undefined) return;
  try {
    new URL(info['termsOfService'] as string);
  } catch {
    delete info['termsOfService'];
  }
}

function moveIntoComponents(document: Node): Node {
  const components: Node = {
    examples: {},
    headers: {},
    parameters: document['parameters'] ?? {},
    responses: document['responses'] ?? {},
    requestBodies: {},
    securitySchemes: document['securityDefinitions'] ?? {},
    schemas: document['definitions'] ?? {},
  };
  if (!isNode(components['securitySchemes'])) decline('securityDefinitions is not an object');
  document['components'] = components;
  delete document['definitions'];
  delete document['responses'];
  delete document['parameters'];
  delete document['securityDefinitions'];
  return components;
}

/** basic -> http/basic; oauth2's flow, URLs and scopes -> `flows`. */
function convertSecurityScheme(scheme: unknown): void {
  if (!isNode(scheme)) decline('security scheme is not an object');
  if (scheme['type'] === 'basic') {
    scheme['type'] = 'http';
    scheme['scheme'] = 'basic';
  }
  if (scheme['type'] !== 'oauth2') return;
  const renamed: Record<string, string> = { application: 'clientCredentials', accessCode: 'authorizationCode' };
  const flowName: unknown = scheme['flow'];
  if (typeof flowName !== 'string' || flowName === '__proto__') decline('oauth2 flow');
  const flow: Node = {};
  const { authorizationUrl, tokenUrl } = scheme;
  if (authorizationUrl !== undefined) {
    if (typeof authorizationUrl !== 'string') decline('authorizationUrl');
    flow['authorizationUrl'] = authorizationUrl.split('?')[0]!.trim() || '/';
  }
  if (typeof tokenUrl === 'string') flow['tokenUrl'] = tokenUrl.split('?')[0]!.trim() || '/';
  flow['scopes'] = scheme['scopes'] || {};
  scheme['flows'] = { [Object.hasOwn(renamed, flowName) ? renamed[flowName]! : flowName]: flow };
  delete scheme['flow'];
  delete scheme['authorizationUrl'];
  delete scheme['tokenUrl'];
  delete scheme['scopes'];
  delete scheme['name'];
}

/**
 * A body used by more than one operation becomes `#/components/requestBodies/<name>`, named after
 * the first operation's body (a numbered suffix when taken); the table's key order (the hashes, as
 * a JavaScript object orders them) decides who gets the plain name.
 */
function shareRequestBodies(bodies: RequestBodyTable): Node {
  const shared: Node = {};
  const taken: string[] = [];
  let unnamed = 1;
  for (const hash in bodies) {
    const entry = bodies[hash]!;
    if (entry.uses.length < 2) continue;
    let suffix: string | number = '';
    if (!entry.name) {
      entry.name = 'requestBody';
      suffix = unnamed++;
    }
    while (taken.includes(entry.name + suffix)) suffix = typeof suffix === 'number' ? suffix + 1 : 2;
    entry.name += suffix;
    if (entry.name === '__proto__') decline('request body name');
    taken.push(entry.name);
    shared[entry.name] = structuredClone(entry.body);
    for (const { item, method } of entry.uses) item[method].requestBody = { $ref: `#/components/requestBodies/${entry.name}` };
  }
  return shared;
}
