/** Webhooks: sign and verify (several schemes), deliver with retries, receive over node:http. */
export { WebhookVerificationError, type WebhookErrorCode } from './errors.js';
export type { HeaderSource } from './headers.js';
export { MemoryReplayStore, type ReplayStore } from './replay.js';
export type { ReceivedSignature, SignatureScheme, SignedMessage } from './scheme.js';
export { GITHUB, type HmacSchemeConfig } from './schemes/hmac.js';
export type { SharedSecretSchemeConfig } from './schemes/shared-secret.js';
export { resolveScheme, type WebhookSchemeConfig } from './schemes/registry.js';
export { createVerifier, signWebhook, verifyWebhook, type SignOptions, type VerifiedWebhook, type VerifyOptions, type WebhookSecret } from './verify.js';
export { createWebhookReceiver, type ReceiverLogEntry, type ReceiverOptions, type WebhookEvent, type WebhookHandlers, type WebhookHttpRequest, type WebhookHttpResponse, type WebhookRequestHandler } from './receiver.js';
export { createWebhookSender, type DeadLetter, type DeliveryAttempt, type DeliveryResult, type WebhookMessage, type WebhookSender, type WebhookSenderOptions } from './deliver.js';
