/**
 * A store collection as a destination: its writes commit in the page's transaction. A collection
 * can be a custom object type: with a JSON Schema, each record is validated before it is written
 * and one that does not conform goes to the dead-letter table with the first violation.
 */
import { Ajv } from 'ajv';
import { SyncError } from '../errors.js';
import type { Destination } from './destination.js';

export function storeDestination(collection: string, schema?: Readonly<Record<string, unknown>>, pointer = '/destination'): Destination {
  if (!schema) return { collection, apply: async () => undefined };
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = new Ajv({ allErrors: false, strict: false }).compile(schema);
  } catch (error) {
    throw new SyncError('CG_SYNC_DEFINITION', `the schema of collection "${collection}" is not a valid JSON Schema: ${(error as Error).message}`, {
      pointer: `${pointer}/schema`,
      hint: 'check the schema against JSON Schema draft-07',
    });
  }
  return {
    collection,
    apply: async () => undefined,
    validate(record) {
      if (validate(record)) return undefined;
      const [first] = validate.errors ?? [];
      return `CG_SYNC_SCHEMA: ${first?.instancePath || '/'} ${first?.message ?? 'does not match the schema'}`;
    },
  };
}
