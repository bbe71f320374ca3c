/**
 * A generated connector's paginated action as a source: `.pages()` with the checkpoint's page state
 * as `resumeFrom`, so a resumed run asks the API for the page after the last one committed.
 */
import type { PaginatedAction } from '../../client-api.js';
import type { ConnectorSource } from '../definition/types.js';
import { SyncError } from '../errors.js';
import type { Source } from './source.js';

export function connectorSource(config: ConnectorSource, pointer = '/source'): Source {
  const action = actionOf<PaginatedAction<Record<string, unknown>, unknown, unknown>>(config.connector, config.action, `${pointer}/action`);
  if (typeof action.pages !== 'function') {
    throw new SyncError('CG_SYNC_NOT_PAGINATED', `action "${config.action}" is not paginated`, {
      pointer: `${pointer}/action`,
      hint: 'pick a list action whose README entry says "Paginated", or mark it paginated in connector.yaml',
    });
  }
  return {
    async *read(options) {
      const input = { ...config.input, ...(config.sinceParam && options.since !== undefined ? { [config.sinceParam]: options.since } : {}) };
      const pages = action.pages(input, {
        ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
        ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for await (const page of pages) yield { records: page.items, next: page.next };
    },
  };
}

/** The named action of a connector object, or a coded error saying which actions there are. */
export function actionOf<T>(connector: unknown, name: string, pointer: string): T {
  if (typeof connector === 'string') {
    throw new SyncError('CG_SYNC_CONNECTOR_UNRESOLVED', `connector "${connector}" has not been loaded`, {
      pointer: pointer.replace(/\/[^/]+$/, '/connector'),
      hint: 'run the sync with `connectgen sync run`, which loads connector packages, or pass the connector object',
    });
  }
  const action = (connector as Record<string, unknown>)[name];
  if (typeof action !== 'function') {
    const known = Object.keys(connector as object).filter((k) => typeof (connector as Record<string, unknown>)[k] === 'function');
    throw new SyncError('CG_SYNC_NO_ACTION', `the connector has no action "${name}"`, { pointer, hint: `actions: ${known.join(', ')}` });
  }
  return action as T;
}
