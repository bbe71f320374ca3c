/**
 * Conformance against an independent validator: every action of a generated connector is called
 * through Prism's mock server started from the same spec, once with only the required inputs and
 * once with every optional one, and Prism must not reject a single request as not matching the
 * spec (wrong path, method, parameter serialisation, missing auth, body shape or content type).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';
import { dummyCredentials, generateAndBuild } from './helpers/generated-package.js';
import { prismRejection, startPrism } from './helpers/prism.js';
import { startRecordingProxy } from './helpers/recording-proxy.js';
import { sampleValue, type JsonSchema } from './helpers/sample-input.js';

const SPECS = [
  ['petstore', 'specs/petstore/openapi.yaml'],
  ['todo-3.0', 'specs/formats/openapi-3.0.json'],
  ['billing-3.1', 'specs/formats/openapi-3.1-webhooks.yaml'],
  ['orders-swagger2', 'specs/swagger2/global-consumes.yaml'],
  ['search-swagger2', 'specs/swagger2/collection-formats.yaml'],
  ['files-swagger2', 'specs/swagger2/form-upload.yaml'],
] as const;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((stop) => stop()));
});

/** Inputs for one action; binary schema slots become Blobs, as a user would pass a file. */
function inputFor(action: any, manifest: any, mode: 'required' | 'all'): Record<string, unknown> {
  const resolve = (ref: string): JsonSchema | undefined => manifest.$defs[decodeURIComponent(ref.replace(/^#\/\$defs\//, ''))];
  const toBlobs = (schema: JsonSchema | undefined, value: unknown): unknown => {
    if (!schema || value === undefined) return value;
    if (schema.$ref) return toBlobs(resolve(schema.$ref), value);
    if (schema.contentEncoding === 'binary') return new Blob(['file-content']);
    if (schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toBlobs(schema.properties[k], v)]));
    }
    return value;
  };
  const value = sampleValue(action.input, resolve, mode) as Record<string, unknown>;
  return toBlobs(action.input, value) as Record<string, unknown>;
}

describe('requests of generated connectors match their spec (judged by Prism)', () => {
  for (const [name, spec] of SPECS) {
    it(name, async () => {
      const connector = await generateAndBuild(path.join(repoRoot, spec), `prism-${name}`);
      const prism = await startPrism(path.join(repoRoot, spec));
      cleanups.push(prism.stop);
      const proxy = await startRecordingProxy(prism.url);
      cleanups.push(proxy.stop);
      // One client per auth scheme: an operation may require a scheme other than the default.
      const clients = new Map<string, any>();
      const clientFor = (action: any) => {
        const schemes: string[] = action.security ?? [];
        const defaultScheme = connector.manifest.auth.find((a: any) => a.default)?.name;
        const scheme = schemes.length === 0 || schemes.includes(defaultScheme) ? defaultScheme : schemes[0];
        if (!clients.has(scheme)) {
          const auth = dummyCredentials({ auth: connector.manifest.auth.map((a: any) => ({ ...a, default: a.name === scheme })) });
          const client = connector.create({ baseUrl: proxy.url, auth, ...(scheme ? { authScheme: scheme } : {}), retry: false });
          cleanups.push(() => client.close());
          clients.set(scheme, client);
        }
        return clients.get(scheme);
      };

      const calls: string[] = [];
      const notSent: string[] = [];
      for (const action of connector.manifest.actions) {
        for (const mode of ['required', 'all'] as const) {
          const input = inputFor(action, connector.manifest, mode);
          const before = proxy.exchanges.length;
          try {
            await clientFor(action)[action.name](input);
          } catch (error) {
            // Mock answers may be errors the spec declares (404, 400...); Prism's verdict is in the
            // recorded exchange, checked below. A call that sent nothing is a failure of its own.
            if (proxy.exchanges.length === before) notSent.push(`${action.name} (${mode}): ${(error as Error).message}`);
          }
          if (proxy.exchanges.length > before) calls.push(`${action.name} (${mode})`);
        }
      }
      expect(notSent).toEqual([]);
      const rejected = proxy.exchanges.flatMap((exchange, i) => {
        const rejection = prismRejection(exchange.status, exchange.headers, exchange.body);
        return rejection ? [`${calls[i]}: ${exchange.method} ${exchange.url} -> ${rejection.status} ${rejection.type}: ${rejection.violations.join('; ')}`] : [];
      });
      expect(rejected).toEqual([]);
    }, 60_000);
  }
});
