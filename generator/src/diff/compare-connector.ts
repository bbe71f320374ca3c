/**
 * Connector-wide surface, old vs new: auth schemes, servers and their variables, and the named
 * types of `src/types.ts` (added, removed, and those no action reached, compared as received data).
 */
import type { AuthConfig } from '@connectgen/runtime';
import type { DiffContext, Subject } from './context.js';
import { compareNamed } from './compare-types.js';

export function compareAuth(ctx: DiffContext): void {
  const before = ctx.oldIR.auth;
  const after = ctx.newIR.auth;
  for (const [name, scheme] of Object.entries(before)) {
    const next = after[name];
    const subject: Subject = { label: `auth scheme \`${name}\``, oldPointer: scheme.pointer, ...(next ? { newPointer: next.pointer } : {}) };
    if (!next) {
      ctx.add(subject, { code: 'auth-scheme-removed', impact: 'breaking', message: `removed (${scheme.config.type})`, reason: 'credentials given for it are no longer used', typed: false });
      continue;
    }
    if (scheme.config.type !== next.config.type) {
      ctx.add(subject, { code: 'auth-scheme-changed', impact: 'breaking', message: `now ${next.config.type} (was ${scheme.config.type})`, reason: 'callers must pass different credentials', typed: false });
    } else if (JSON.stringify(withoutDocs(scheme.config)) !== JSON.stringify(withoutDocs(next.config))) {
      ctx.add(subject, { code: 'auth-scheme-settings-changed', impact: 'patch', message: `${scheme.config.type} settings changed (${changedKeys(scheme.config, next.config).join(', ')})`, reason: 'the connector applies them; the credentials callers pass stay the same', typed: false });
    }
  }
  for (const [name, scheme] of Object.entries(after)) {
    if (name in before) continue;
    const required = Object.keys(before).length === 0 && ctx.newIR.security.length > 0;
    ctx.add({ label: `auth scheme \`${name}\``, newPointer: scheme.pointer }, required
      ? { code: 'auth-scheme-added', impact: 'breaking', message: `added (${scheme.config.type}); the API now needs credentials`, reason: 'callers that pass none are refused', typed: false }
      : { code: 'auth-scheme-added', impact: 'additive', message: `added (${scheme.config.type})`, reason: 'callers may authenticate this way too', typed: false });
  }
}

export function compareServers(ctx: DiffContext): void {
  const before = ctx.oldIR.servers[0];
  const after = ctx.newIR.servers[0];
  const subject: Subject = { label: 'servers', oldPointer: '/servers/0', newPointer: '/servers/0' };
  if (before?.url !== after?.url) {
    ctx.add(subject, { code: 'server-changed', impact: 'patch', message: `default server is ${after?.url ?? '(none)'} (was ${before?.url ?? '(none)'})`, reason: 'the connector calls the new URL unless given baseUrl', typed: false });
  }
  const oldVars = before?.variables ?? {};
  const newVars = after?.variables ?? {};
  for (const name of Object.keys(oldVars)) {
    if (!(name in newVars)) ctx.add({ ...subject, oldPointer: `/servers/0/variables/${name}` }, { code: 'server-variable-removed', impact: 'breaking', message: `variable \`${name}\` removed`, reason: 'callers setting it in serverVariables set nothing', typed: false });
  }
  for (const name of Object.keys(newVars)) {
    if (!(name in oldVars)) ctx.add({ ...subject, newPointer: `/servers/0/variables/${name}` }, { code: 'server-variable-added', impact: 'additive', message: `variable \`${name}\` added (default ${JSON.stringify(newVars[name]!.default)})`, reason: 'it has a default; callers may set it', typed: false });
  }
}

export function compareSchemas(ctx: DiffContext): void {
  for (const [name, schema] of ctx.oldSchemas) {
    if (!ctx.newSchemas.has(name)) {
      ctx.add({ schema: name, label: `type \`${name}\``, oldPointer: schema.pointer }, { code: 'schema-removed', impact: 'breaking', message: 'removed', reason: 'code importing the type no longer compiles' });
    } else if (!ctx.wasCompared(name)) {
      compareNamed(ctx, name, 'output');
    }
  }
  for (const [name, schema] of ctx.newSchemas) {
    if (!ctx.oldSchemas.has(name)) ctx.add({ schema: name, label: `type \`${name}\``, newPointer: schema.pointer }, { code: 'schema-added', impact: 'additive', message: 'added', reason: 'a new exported type' });
  }
}

function withoutDocs(config: AuthConfig): Record<string, unknown> {
  const { description: _description, ...rest } = config as AuthConfig & { description?: unknown };
  return rest;
}

function changedKeys(a: AuthConfig, b: AuthConfig): string[] {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k])).sort();
}
