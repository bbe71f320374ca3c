#!/usr/bin/env node
// The bundle (dist/bundle/cli.cjs, through a code cache) when it was made from the current build,
// else the modules tsc wrote: see src/cli/launch.ts.
import { fileURLToPath } from 'node:url';
import { launch } from '../dist/cli/launch.js';

await launch(fileURLToPath(new URL('..', import.meta.url)));
