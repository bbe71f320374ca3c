/** uppercase: text in, upper-case text out (numbers become text first). */
import { asText, type Transform } from './transform.js';

export const uppercase: Transform = { options: [], prepare: () => (value) => asText(value, 'uppercase').toUpperCase() };
