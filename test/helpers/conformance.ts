/**
 * One conformance run: a built connector, Prism started from the same spec, every action called
 * once with only required inputs and once with all of them, through a recording proxy so Prism's
 * verdict on each request can be read. Shared by test/prism-conformance.test.ts (our specs) and
 * bench/conformance (real specs from the corpus).
 */
import type { BuiltConnector } from './generated-package.js';
import { dummyAuthOptions } from './generated-package.js';
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
  // One client with credentials for every scheme: the runtime picks each operation's own.
  const client = connector.create({ baseUrl: proxy.url, ...dummyAuthOptions(connector.manifest), retry: false, timeoutMs: 20_000 });
  try {
    const calls: string[] = [];
    const notSent: string[] = [];
    for (const action of connector.manifest.actions.slice(0, maxActions)) {
      for (const mode of ['required', 'all'] as const) {
        const before = proxy.exchanges.length;
        try {
          await client[action.name](inputFor(action, connector.manifest, mode));
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
    await client.close();
    await proxy.stop();
    await prism.stop();
  }
}
