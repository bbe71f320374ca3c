/**
 * The scheme named in a config (a preset name or an object with `type`) -> a SignatureScheme.
 */
import { WebhookVerificationError } from '../errors.js';
import type { SignatureScheme } from '../scheme.js';
import { GITHUB, hmacScheme, type HmacSchemeConfig } from './hmac.js';
import { sharedSecretScheme, type SharedSecretSchemeConfig } from './shared-secret.js';
import { standardScheme } from './standard.js';

export type WebhookSchemeConfig = 'standard' | 'github' | { readonly type: 'standard' } | HmacSchemeConfig | SharedSecretSchemeConfig;

const PRESETS: Record<string, () => SignatureScheme> = {
  standard: standardScheme,
  github: () => hmacScheme(GITHUB, 'github'),
};

export function resolveScheme(config: WebhookSchemeConfig | SignatureScheme | undefined): SignatureScheme {
  if (config === undefined) return standardScheme();
  if (typeof config === 'string') {
    const preset = PRESETS[config];
    if (!preset) throw new WebhookVerificationError('CG_WEBHOOK_CONFIG', `unknown webhook scheme "${config}" (use ${Object.keys(PRESETS).join(', ')}, or an object with type hmac or shared-secret)`);
    return preset();
  }
  if ('signature' in config) return config;
  switch (config.type) {
    case 'standard':
      return standardScheme();
    case 'hmac':
      return hmacScheme(config);
    case 'shared-secret':
      return sharedSecretScheme(config);
    default:
      throw new WebhookVerificationError('CG_WEBHOOK_CONFIG', `unknown webhook scheme type "${String((config as { type?: unknown }).type)}"`);
  }
}
