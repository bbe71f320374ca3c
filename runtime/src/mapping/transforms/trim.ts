/** trim: Unicode white space off both ends, including no-break spaces pasted from spreadsheets. */
import { asText, type Transform } from './transform.js';

export const trim: Transform = { options: [], prepare: () => (value) => asText(value, 'trim').trim() };
