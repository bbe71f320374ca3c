/**
 * One conformance run: a built connector, Prism started from the same spec, every action called
 * once with only required inputs and once with all of them, through a recording proxy so Prism's
 * verdict on each request can be read. Shared by test/prism-conformance.test.ts (our specs) and
 * bench/conformance (real specs from the corpus).
 */
import type { BuiltConnector } from './generated-package.js';
import { dummyCredentials } from './generated-package.js';
import { prismRejection, startPrism } from './prism.js';
import { startRecordingProxy } from './recording-proxy.js';
import { sampleValue, type JsonSchema } from './sample-input.js';

export interface ConformanceResult {
  readonly calls: number;
  /** `action (mode): METHOD url -> status TYPE: violations` for each request Prism rejected. */
  readonly rejected: string[];
  /** Calls that threw before any request went out. */
  readonly notSent: string[];
}

/** Inputs for one action; binary schema slots become Blobs, as a user would pass a file. */
export function inputFor(action: any, manifest: any, mode: 'required' | 'all'): Record<string, unknown> {
  const resolve = (ref: string): JsonSchema | undefined => manifest.$defs?.[decodeURIComponent(ref.replace(/^#\/\$defs\//, ''))];
  const toBlobs = (schema: JsonSchema | undefined, value: unknown): unknown => {
    if (!schema || value === undefined) return value;
    if (schema.$ref) return toBlobs(resolve(schema.$ref), value);
    if (schema.contentEncoding === 'binary') return new Blob(['file-content']);
    if (schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toBlobs(schema.properties[k], v)]));
    }
    return value;
  };
  return toBlobs(action.input, sampleValue(action.input, resolve, mode)) as Record<string, unknown>;
}

export async function checkConformance(connector: BuiltConnector, specFile: string, { maxActions = Infinity } = {}): Promise<ConformanceResult> {
  const prism = await startPrism(specFile);
  const proxy = await startRecordingProxy(prism.url);
  const clients = new Map<string, any>();
  try {
    // One client per auth scheme: an operation may require a scheme other than the default.
    const defaultScheme = connector.manifest.auth.find((a: any) => a.default)?.name;
    const clientFor = (action: any) => {
      const schemes: string[] = action.security ?? [];
      const scheme = schemes.length === 0 || schemes.includes(defaultScheme) ? defaultScheme : schemes[0];
      if (!clients.has(scheme)) {
        const auth = dummyCredentials({ auth: connector.manifest.auth.map((a: any) => ({ ...a, default: a.name === scheme })) });
        clients.set(scheme, connector.create({ baseUrl: proxy.url, auth, ...(scheme ? { authScheme: scheme } : {}), retry: false, timeoutMs: 20_000 }));
      }
      return clients.get(scheme);
    };

    const calls: string[] = [];
    const notSent: string[] = [];
    for (const action of connector.manifest.actions.slice(0, maxActions)) {
      for (const mode of ['required', 'all'] as const) {
        const before = proxy.exchanges.length;
        try {
          await clientFor(action)[action.name](inputFor(action, connector.manifest, mode));
        } catch (error) {
          // Mock answers may be errors the spec declares (404, 400...); Prism's verdict is in the
          // recorded exchange. A call that sent nothing is a failure of its own.
          if (proxy.exchanges.length === before) notSent.push(`${action.name} (${mode}): ${(error as Error).message}`);
        }
        if (proxy.exchanges.length > before) calls.push(`${action.name} (${mode})`);
      }
    }
    const rejected = proxy.exchanges.flatMap((exchange, i) => {
      const rejection = prismRejection(exchange.status, exchange.headers, exchange.body);
      return rejection ? [`${calls[i]}: ${exchange.method} ${exchange.url} -> ${rejection.status} ${rejection.type}: ${rejection.violations.join('; ')}`] : [];
    });
    return { calls: calls.length, rejected, notSent };
  } finally {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await proxy.stop();
    await prism.stop();
  }
}
