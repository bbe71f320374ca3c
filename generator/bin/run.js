#!/usr/bin/env node
// The bundle (dist/bundle/, a few files) when it was made from the current build, else the modules
// tsc wrote: see src/cli/launch.ts.
import { fileURLToPath } from 'node:url';
import { bundleIsCurrent } from '../dist/cli/launch.js';

const bundled = bundleIsCurrent(fileURLToPath(new URL('..', import.meta.url)));
const { main } = bundled ? await import('../dist/bundle/cli-main.js') : await import('../dist/cli/main.js');
await main({ bundled });
