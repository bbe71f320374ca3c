/**
 * A generated connector's write actions as a destination. Each write builds the action's input
 * from the definition: the record id into the path parameter, the record as the body, and an
 * idempotency key derived from the record and its content, so a create replayed after a crash is
 * recognised by the API instead of creating the record twice.
 */
import type { ConnectorDestination, WriteAction } from '../definition/types.js';
import { actionOf } from '../sources/connector.js';
import type { Destination, WriteOp } from './destination.js';

type Call = (input: Record<string, unknown>, options?: { signal?: AbortSignal }) => Promise<unknown>;

export function connectorDestination(config: ConnectorDestination, pointer = '/destination'): Destination {
  const bind = (key: 'upsert' | 'create' | 'update' | 'delete'): { call: Call; write: WriteAction } | undefined => {
    const write = config[key];
    return write ? { call: actionOf<Call>(config.connector, write.action, `${pointer}/${key}/action`), write } : undefined;
  };
  const upsert = bind('upsert');
  const create = upsert ?? bind('create');
  const update = upsert ?? bind('update');
  const remove = bind('delete');

  return {
    async apply(op: WriteOp, signal?: AbortSignal): Promise<void> {
      const target = op.kind === 'create' ? create : op.kind === 'update' ? update : remove;
      if (!target) throw new Error(`the destination has no ${op.kind === 'flag' ? 'update' : op.kind} action configured`);
      await target.call(inputFor(target.write, op), signal ? { signal } : undefined);
    },
  };
}

function inputFor(write: WriteAction, op: WriteOp): Record<string, unknown> {
  const input: Record<string, unknown> = { ...write.input };
  if (write.id) input[write.id] = op.id;
  if (op.kind === 'create' || op.kind === 'update') input[write.body ?? 'body'] = op.record;
  if (write.idempotencyKey) input[write.idempotencyKey] = op.idempotencyKey;
  return input;
}
