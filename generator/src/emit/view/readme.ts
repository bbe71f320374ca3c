/** View of `README.md`: install, auth, usage, the table of actions, pagination and errors. */
import type { AuthConfig, RetryConfig } from '@connectgen/runtime';
import { isRetryableMethod, resolveRetryPolicy } from '@connectgen/runtime/retry-policy';
import type { ConnectorIR, OperationIR } from '../../ir/types.js';
import { markdownCode, markdownInline, npmPackageName } from './safe.js';
import { reexportedErrors, userAgent } from './index-file.js';
import { ICON_FILE } from './manifest.js';
import { RUNTIME_RANGE } from './package-json.js';
import { errorHandlingLines, usageLines } from './usage.js';

export interface ReadmeView {
  readonly heading: string;
  /** An `<img>` of the package's icon.svg, or ''. */
  readonly icon: string;
  /** The User-Agent the connector sends (see index-file.ts), as inline code text. */
  readonly userAgent: string;
  readonly intro: string[];
  readonly source: string;
  readonly packageName: string;
  /** The `@connectgen/runtime` range package.json asks for, as inline code. */
  readonly runtimeRange: string;
  readonly auth: string[];
  /** More than one scheme: the README explains `credentials`. */
  readonly multipleAuth: boolean;
  readonly usage: string[];
  readonly errorExample: string[];
  readonly factoryName: string;
  readonly server: string;
  readonly serverVariables: string;
  readonly webhooks: { readonly name: string; readonly summary: string }[];
  /** One row per action; empty when the README lists groups instead (`actionGroups`). */
  readonly actions: { readonly name: string; readonly request: string; readonly summary: string }[];
  /** One row per group (source file) when the connector has more than LISTED_ACTIONS actions. */
  readonly actionGroups: { readonly name: string; readonly count: number; readonly file: string }[];
  /** The sentence above the group table: how many actions, and where each is described. */
  readonly actionsSummary: string;
  /** One row per paginated action; empty when the README lists groups (then `paginatedByStrategy`). */
  readonly paginated: { readonly name: string; readonly strategy: string }[];
  /** With `actionGroups`: each pagination strategy and how many actions use it. */
  readonly paginatedByStrategy: { readonly strategy: string; readonly count: number }[];
  /** What is retried, computed by the runtime's own retry policy so the README cannot overclaim. */
  readonly retry: string;
}

/**
 * Past this many actions the README lists groups, not actions. Each action's JSDoc (what an editor
 * shows on hover) and its connector.json entry already give its summary, request and pagination; a
 * README table restating them for GitHub's 1,223 actions was 180 KB, for Microsoft Graph's 11,422
 * 2.2 MB (a twentieth of the package), too long for anyone to read as a page.
 */
export const LISTED_ACTIONS = 100;

/** `groups`: the operations of each `src/actions/<group>.ts`, by group, as emit writes them. */
export function readmeView(ir: ConnectorIR, factoryName: string, groups: ReadonlyMap<string, readonly OperationIR[]>): ReadmeView {
  const server = ir.servers[0];
  const listed = ir.operations.length <= LISTED_ACTIONS;
  const paginated = ir.operations.filter((operation) => operation.pagination);
  return {
    heading: `${markdownInline(ir.info.title)} connector`,
    icon: ir.info.icon === undefined ? '' : `<img src="${ICON_FILE}" alt="" width="64" height="64">`,
    userAgent: markdownCode(userAgent(ir)).slice(1, -1),
    intro: paragraphs(ir.info.description),
    source: `${markdownInline(ir.info.title)} ${markdownCode(ir.info.apiVersion)} (OpenAPI ${ir.info.openapi})`,
    packageName: npmPackageName(ir.info.packageName),
    runtimeRange: markdownCode(RUNTIME_RANGE),
    auth: Object.entries(ir.auth).map(([name, scheme], index) =>
      `${markdownCode(name)}${index === 0 ? ' (default)' : ''}: ${authText(scheme.config, index === 0 ? 'auth' : `credentials${/^[A-Za-z_$][\w$]*$/.test(name) ? '.' : ''}${identifierOrQuoted(name)}`)}` +
      (scheme.description === undefined ? '' : ` ${markdownInline(scheme.description)}`),
    ),
    multipleAuth: Object.keys(ir.auth).length > 1,
    // Code in a fenced block: the lines hold only identifiers, the package name and placeholders.
    usage: usageLines(ir, factoryName, 'connector'),
    errorExample: errorHandlingLines(ir, factoryName, 'connector', reexportedErrors(ir).includes('ConnectorHttpError')),
    factoryName,
    server: server === undefined ? '(none: pass baseUrl)' : server.url.replace(/[`\r\n]/g, ''),
    serverVariables:
      server === undefined
        ? ''
        : Object.entries(server.variables)
            .map(([name, variable]) => `${markdownCode(name)} default ${markdownCode(variable.default)}`)
            .join(', '),
    webhooks: (ir.webhooks ?? []).map((webhook) => ({ name: markdownCode(webhook.name), summary: markdownInline(webhook.summary ?? '') })),
    actions: !listed
      ? []
      : ir.operations.map((operation) => ({
          name: markdownCode(operation.name) + (operation.deprecated ? ' (deprecated)' : ''),
          request: markdownCode(`${operation.method} ${operation.path}`),
          summary: markdownInline(summaryOf(operation)),
        })),
    actionGroups: listed
      ? []
      : [...groups].map(([group, operations]) => ({
          name: markdownInline(operations[0]?.tags[0] ?? '(no tag)'),
          count: operations.length,
          file: markdownCode(`src/actions/${group}.ts`),
        })),
    actionsSummary: listed
      ? ''
      : wrap(
          `${ir.operations.length} actions in ${groups.size} groups, one source file each (\`dist/actions/*.d.ts\` in the ` +
            "published package). An action's JSDoc gives its description, request and docs link (when the spec has " +
            'one): an editor shows it on ' +
            'hover and completes action names on the connector object. `connector.json` lists every action with its ' +
            'input and output schemas.',
          100,
        ),
    paginated: listed ? paginated.map((operation) => ({ name: markdownCode(operation.name), strategy: strategyText(operation) })) : [],
    paginatedByStrategy: listed ? [] : countBy(paginated.map(strategyText)),
    retry: retryText(ir.retry),
  };
}

/** Each distinct value with how often it occurs, in order of first occurrence. */
function countBy(values: readonly string[]): { strategy: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([strategy, count]) => ({ strategy, count }));
}

function paragraphs(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => markdownInline(paragraph))
    .filter((paragraph) => paragraph !== '')
    .flatMap((paragraph, index) => (index === 0 ? [paragraph] : ['', paragraph]));
}

function summaryOf(operation: OperationIR): string {
  if (operation.summary !== undefined) return operation.summary;
  const first = operation.description?.split(/\n\s*\n/)[0] ?? '';
  return first.length > 160 ? first.slice(0, 157) + '...' : first;
}

/** How to configure one scheme; `slot` is where its credentials go (`auth`, or `credentials.<name>`). */
function authText(config: AuthConfig, slot: string): string {
  switch (config.type) {
    case 'none':
      return 'no credentials.';
    case 'apiKey':
      return `API key in the ${config.in} ${markdownCode(config.name)}${config.preamble ? ` after ${markdownCode(config.preamble)}` : ''}: pass \`${slot}: { apiKey }\`.`;
    case 'basic':
      return `HTTP Basic: pass \`${slot}: { username, password }\`.`;
    case 'bearer':
      return `bearer token: pass \`${slot}: { token }\` (a string, or a function returning one).`;
    case 'oauth2': {
      // Some specs (Azure's) give no token URL: users then bring tokens of their own.
      const tokenUrl: string | undefined = config.tokenUrl;
      const where = tokenUrl ? `, token URL ${markdownCode(tokenUrl)}` : ', no token URL';
      const tokens = config.grant === 'authorization_code' ? ' and `tokens` from the authorization flow (or a `tokenStore`)' : '';
      return `OAuth 2.0 ${config.grant.replace('_', ' ')} grant${where}: pass \`${slot}: { clientId, clientSecret }\`${tokens}.`;
    }
  }
}

/**
 * A scheme name as a property in inline example code: bare when it is an identifier, else quoted.
 * Backticks cannot be escaped inside a Markdown code span, so they are dropped (text only).
 */
function identifierOrQuoted(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `[${JSON.stringify(name.replace(/[`\r\n]/g, ''))}]`;
}

function strategyText(operation: OperationIR): string {
  const config = operation.pagination!.config;
  switch (config.type) {
    case 'offset':
      return `offset, by ${markdownCode(config.offsetParam)}`;
    case 'page':
      return `page number, by ${markdownCode(config.pageParam)}`;
    case 'cursor':
      return `cursor, by ${markdownCode(config.cursorParam)} from ${markdownCode(config.nextCursorPath)}`;
    case 'link':
      return config.nextUrlPath === undefined
        ? `next link, from the ${markdownCode('Link')} header`
        : `next link, from ${markdownCode(config.nextUrlPath)}`;
  }
}

/** The README's retry paragraph, from the policy the runtime will apply to this connector's config. */
export function retryText(config: RetryConfig | undefined): string {
  const policy = resolveRetryPolicy(config, undefined);
  if (policy.maxAttempts <= 1) return 'Failed requests are not retried.';
  const methods = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'];
  const retried = methods.filter((method) => isRetryableMethod(method, policy));
  const notRetried = methods.filter((method) => !retried.includes(method));
  const statuses = [...policy.statuses].sort((a, b) => a - b).map(String);
  let text =
    `A ${list(retried, 'or')} request that fails with status ${list(statuses, 'or')}, or whose connection drops, is tried up to ` +
    `${policy.maxAttempts} times in all, with exponential backoff and jitter, honouring \`Retry-After\`.`;
  if (notRetried.length > 0) {
    text +=
      ` ${list(notRetried, 'and')} requests are not repeated once they may have reached the server (that could apply them twice)` +
      " unless `retry.idempotencyKeyHeader` names the API's idempotency key header; only a refused connection is retried for them.";
  } else if (policy.idempotencyKeyHeader !== undefined) {
    text += ` POST and PATCH are retried too: the connector is configured with the \`${policy.idempotencyKeyHeader.replace(/[`\r\n]/g, '')}\` idempotency key header.`;
  }
  return wrap(text, 100);
}

/** Greedy word wrap, so the paragraph reads like the rest of the README's source. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
