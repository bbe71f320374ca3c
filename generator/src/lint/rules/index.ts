/** connectgen's own rules: the problems that stop a connector from being generated. */
import type { Rule } from '../rule.js';
import duplicateOperationId from './duplicate-operation-id.js';
import invalidPattern from './invalid-pattern.js';
import noInfoDescription from './no-info-description.js';
import noOperationId from './no-operation-id.js';
import noServer from './no-server.js';
import pathTrailingSlash from './path-trailing-slash.js';
import refCycle from './ref-cycle.js';
import requiredNotInProperties from './required-not-in-properties.js';
import unsupportedSecurityScheme from './unsupported-security-scheme.js';
import oauthRelativeUrl from './oauth-relative-url.js';

export const CG_RULES: readonly Rule[] = [
  noOperationId,
  duplicateOperationId,
  refCycle,
  pathTrailingSlash,
  invalidPattern,
  requiredNotInProperties,
  noInfoDescription,
  noServer,
  unsupportedSecurityScheme,
  oauthRelativeUrl,
] as readonly Rule[];
