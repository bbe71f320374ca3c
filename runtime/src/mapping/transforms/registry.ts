/** The built-in transformations by name. Custom ones are passed to compileMapping beside these. */
import { boolean } from './boolean.js';
import { concat } from './concat.js';
import { defaultValue } from './default.js';
import { formatDate } from './format-date.js';
import { formatPhone } from './format-phone.js';
import { lookup } from './lookup.js';
import { lowercase } from './lowercase.js';
import { number } from './number.js';
import { split } from './split.js';
import { template } from './template.js';
import { trim } from './trim.js';
import { uppercase } from './uppercase.js';
import type { Transform } from './transform.js';

export const BUILTIN_TRANSFORMS: ReadonlyMap<string, Transform> = new Map([
  ['lowercase', lowercase],
  ['uppercase', uppercase],
  ['trim', trim],
  ['format_date', formatDate],
  ['format_phone', formatPhone],
  ['concat', concat],
  ['split', split],
  ['lookup', lookup],
  ['default', defaultValue],
  ['number', number],
  ['boolean', boolean],
  ['template', template],
]);
