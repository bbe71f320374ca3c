#!/usr/bin/env node
import { execute } from '@oclif/core';
import { refreshManifest } from '../dist/cli/manifest.js';

// With a current manifest oclif imports only the command being run (see src/cli/manifest.ts).
await refreshManifest();
await execute({ dir: import.meta.url });
