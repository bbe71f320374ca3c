/** The step registry: a step's key names its kind. Adding a kind is one file and one line here. */
import { assert } from './assert.js';
import { check } from './check.js';
import { click } from './click.js';
import { extract } from './extract.js';
import { fill } from './fill.js';
import { forEach } from './for-each.js';
import { goto } from './goto.js';
import { ifStep } from './if.js';
import { press } from './press.js';
import { screenshot } from './screenshot.js';
import { select } from './select.js';
import type { StepKind } from './step.js';
import { upload } from './upload.js';
import { waitFor } from './wait-for.js';

// Each kind is typed by its own step shape; the registry only dispatches by key.
const kinds: ReadonlyArray<StepKind<never>> = [goto, fill, select, check, click, press, upload, waitFor, extract, assert, screenshot, ifStep, forEach];

export const stepKinds: ReadonlyMap<string, StepKind> = new Map(kinds.map((kind) => [kind.key, kind as unknown as StepKind]));

export type { LoadedStep, StepContext, StepKind } from './step.js';
