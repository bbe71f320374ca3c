/**
 * Why a webhook was refused. Each reason has a stable code and the HTTP status a receiver answers
 * with: a bad or missing signature is 401 (the sender is not who it claims), a stale or replayed
 * message is 400 (well signed, but not acceptable now), so a sender's retry logic can tell them apart.
 */
import { ConnectorError } from '../http/errors.js';

export type WebhookErrorCode =
  | 'CG_WEBHOOK_SIGNATURE_MISSING'
  | 'CG_WEBHOOK_SIGNATURE'
  | 'CG_WEBHOOK_TIMESTAMP'
  | 'CG_WEBHOOK_STALE'
  | 'CG_WEBHOOK_REPLAYED'
  | 'CG_WEBHOOK_CONFIG';

const STATUS: Record<WebhookErrorCode, number> = {
  CG_WEBHOOK_SIGNATURE_MISSING: 401,
  CG_WEBHOOK_SIGNATURE: 401,
  CG_WEBHOOK_TIMESTAMP: 400,
  CG_WEBHOOK_STALE: 400,
  CG_WEBHOOK_REPLAYED: 400,
  CG_WEBHOOK_CONFIG: 500,
};

export class WebhookVerificationError extends ConnectorError {
  readonly code: WebhookErrorCode;
  /** The status a receiver should answer with. */
  readonly status: number;

  constructor(code: WebhookErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
  }

  protected override details(): Record<string, unknown> {
    return { status: this.status };
  }
}
