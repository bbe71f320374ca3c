/**
 * `testConnection()`: one cheap call that says whether the connector can reach the API and whether
 * the credentials work. It never throws; failures come back as a result with a redacted message.
 */
import { Readable } from 'node:stream';
import type { ConnectionTestResult } from '../client-api.js';
import type { OperationSpec } from '../definition.js';
import { ConnectorAuthError, ConnectorError, ConnectorHttpError } from '../http/errors.js';
import { authForOperation } from './auth-selection.js';
import type { ClientContext } from './context.js';
import { execute } from './execute.js';
import { compileOperation } from './prepare.js';

export async function testConnection(ctx: ClientContext, fallback: OperationSpec | undefined): Promise<ConnectionTestResult> {
  const named = ctx.definition.testAction;
  const operation = (named !== undefined ? ctx.operations.get(named) : undefined) ?? fallback;
  if (!operation) {
    return {
      ok: false,
      auth: 'unknown',
      action: named ?? '',
      latencyMs: 0,
      error: named !== undefined ? `test action "${named}" is not an action of this connector` : 'no test action configured and no fallback given',
    };
  }
  const authenticated = authForOperation(ctx.auths, operation) !== undefined;
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  try {
    const request = compileOperation(ctx, operation)({}, undefined);
    const result = await execute(ctx, request, undefined);
    if (result.body instanceof Readable) result.body.destroy();
    return { ok: true, auth: authenticated ? 'ok' : 'not-required', action: operation.id, status: result.status, latencyMs: elapsed() };
  } catch (error) {
    const status = error instanceof ConnectorHttpError || error instanceof ConnectorAuthError ? error.status : undefined;
    const authFailed = error instanceof ConnectorAuthError || status === 401 || status === 403;
    // Any other HTTP answer means the credentials were accepted far enough to reach the endpoint.
    const auth = !authenticated ? 'not-required' : authFailed ? 'failed' : status !== undefined ? 'ok' : 'unknown';
    const message = error instanceof ConnectorError ? error.message : ctx.redactor.text(error instanceof Error ? error.message : String(error));
    return {
      ok: false,
      auth,
      action: operation.id,
      ...(status === undefined ? {} : { status }),
      latencyMs: elapsed(),
      error: message,
    };
  }
}
