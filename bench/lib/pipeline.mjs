// The built pipeline stages (generator/dist) for benches that drive them in-process; build first
// with `npm run build`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './cache.mjs';

const dist = (p) => pathToFileURL(path.join(repoRoot, 'generator', 'dist', p)).href;

export const { parseSpec } = await import(dist('load/index.js'));
export const { convertSpec } = await import(dist('convert/index.js'));
export const { buildIR } = await import(dist('ir/index.js'));
export const { emit } = await import(dist('emit/index.js'));
export const { writeFiles } = await import(dist('emit/write.js'));
export const { ConnectgenError } = await import(dist('diagnostics/errors.js'));
