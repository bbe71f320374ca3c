/** lowercase: text in, lower-case text out (numbers become text first). */
import { asText, type Transform } from './transform.js';

export const lowercase: Transform = { options: [], prepare: () => (value) => asText(value, 'lowercase').toLowerCase() };
