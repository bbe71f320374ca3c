/**
 * Old/new spec pairs: specs/diff/base.json and one edit each, with the changes and the semver bump
 * each must give. The pointers are checked in both specs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emit } from '../emit/index.js';
import { buildIR } from '../ir/index.js';
import { checkDiff, readPublicApi } from '../regenerate/public-api.js';
import { diffIR, nextVersion, type Change } from './index.js';
import { formatMarkdown, formatText } from './format.js';

type Doc = any;
const base: Doc = JSON.parse(readFileSync(new URL('../../../specs/diff/base.json', import.meta.url), 'utf8'));
const clone = (): Doc => structuredClone(base);
const ticket = (doc: Doc) => doc.components.schemas.Ticket;
const newTicket = (doc: Doc) => doc.components.schemas.NewTicket;
const listTickets = (doc: Doc) => doc.paths['/tickets'].get;

function diff(edit: (doc: Doc) => void, config?: Record<string, unknown>, newConfig = config) {
  const after = clone();
  edit(after);
  return diffIR(buildIR(clone(), config), buildIR(after, newConfig));
}

interface Case {
  readonly name: string;
  readonly edit: (doc: Doc) => void;
  readonly changes: Partial<Change>[];
  readonly bump: 'major' | 'minor' | 'patch' | 'none';
}

const CASES: Case[] = [
  {
    name: 'an action removed',
    edit: (d) => delete d.paths['/tickets/{ticketId}'].delete,
    changes: [{ code: 'action-removed', impact: 'breaking', action: 'deleteTicket', oldPointer: '/paths/~1tickets~1{ticketId}/delete' }],
    bump: 'major',
  },
  {
    name: 'an action added',
    edit: (d) => (d.paths['/agents'].post = { operationId: 'createAgent', tags: ['agents'], responses: { '201': { description: 'ok' } } }),
    changes: [{ code: 'action-added', impact: 'additive', action: 'createAgent', newPointer: '/paths/~1agents/post' }],
    bump: 'minor',
  },
  {
    name: 'an action renamed (same method and path, new operationId)',
    edit: (d) => (d.paths['/agents'].get.operationId = 'getAgents'),
    changes: [
      { code: 'action-renamed', impact: 'breaking', action: 'getAgents' },
      { code: 'action-renamed', impact: 'breaking', action: 'listAgents' },
    ],
    bump: 'major',
  },
  {
    name: 'a required parameter added',
    edit: (d) => listTickets(d).parameters.push({ name: 'team', in: 'query', required: true, schema: { type: 'string' } }),
    changes: [{ code: 'parameter-added-required', impact: 'breaking', action: 'listTickets', oldPointer: '/paths/~1tickets/get', newPointer: '/paths/~1tickets/get/parameters/3' }],
    bump: 'major',
  },
  {
    name: 'an optional parameter added',
    edit: (d) => listTickets(d).parameters.push({ name: 'team', in: 'query', schema: { type: 'string' } }),
    changes: [{ code: 'parameter-added-optional', impact: 'additive', action: 'listTickets' }],
    bump: 'minor',
  },
  {
    name: 'a parameter removed',
    edit: (d) => d.paths['/tickets/{ticketId}'].get.parameters.pop(),
    changes: [{ code: 'parameter-removed', impact: 'breaking', action: 'getTicket', oldPointer: '/paths/~1tickets~1{ticketId}/get/parameters/1' }],
    bump: 'major',
  },
  {
    name: 'a parameter made required',
    edit: (d) => (listTickets(d).parameters[2].required = true),
    changes: [{ code: 'parameter-made-required', impact: 'breaking', action: 'listTickets', oldPointer: '/paths/~1tickets/get/parameters/2', newPointer: '/paths/~1tickets/get/parameters/2' }],
    bump: 'major',
  },
  {
    name: 'a parameter retyped',
    edit: (d) => (d.paths['/tickets/{ticketId}'].get.parameters[1].schema = { type: 'string' }),
    changes: [{ code: 'type-changed', impact: 'breaking', action: 'getTicket', oldPointer: '/paths/~1tickets~1{ticketId}/get/parameters/1/schema' }],
    bump: 'major',
  },
  {
    name: 'an integer parameter widened to number (input: fine)',
    edit: (d) => (listTickets(d).parameters[2].schema = { type: 'number' }),
    changes: [{ code: 'type-widened', impact: 'additive', action: 'listTickets' }],
    bump: 'minor',
  },
  {
    name: 'a required property added to a request body',
    edit: (d) => {
      newTicket(d).properties.requester = { type: 'string' };
      newTicket(d).required.push('requester');
    },
    changes: [{ code: 'property-added', impact: 'breaking', schema: 'NewTicket', oldPointer: '/components/schemas/NewTicket', newPointer: '/components/schemas/NewTicket/properties/requester' }],
    bump: 'major',
  },
  {
    name: 'an optional property added to a response',
    edit: (d) => (ticket(d).properties.tags = { type: 'array', items: { type: 'string' } }),
    changes: [{ code: 'property-added', impact: 'additive', schema: 'Ticket', newPointer: '/components/schemas/Ticket/properties/tags' }],
    bump: 'minor',
  },
  {
    name: 'a property removed from a response',
    edit: (d) => delete ticket(d).properties.priority,
    changes: [{ code: 'property-removed', impact: 'breaking', schema: 'Ticket', oldPointer: '/components/schemas/Ticket/properties/priority', newPointer: '/components/schemas/Ticket' }],
    bump: 'major',
  },
  {
    name: 'a response property made optional',
    edit: (d) => (ticket(d).required = ['id', 'status']),
    changes: [{ code: 'property-made-optional', impact: 'breaking', schema: 'Ticket', oldPointer: '/components/schemas/Ticket/properties/subject' }],
    bump: 'major',
  },
  {
    name: 'a request property made optional',
    edit: (d) => (newTicket(d).required = []),
    changes: [{ code: 'property-made-optional', impact: 'additive', schema: 'NewTicket' }],
    bump: 'minor',
  },
  {
    name: 'a response property type narrowed (number -> integer is fine to receive)',
    edit: (d) => {
      ticket(d).properties.priority = { type: 'number' };
      d.components.schemas.Agent.properties.name = { type: 'string', enum: ['a', 'b'] };
    },
    changes: [
      { code: 'type-widened', impact: 'breaking', schema: 'Ticket', oldPointer: '/components/schemas/Ticket/properties/priority' },
      { code: 'type-narrowed', impact: 'patch', schema: 'Agent', newPointer: '/components/schemas/Agent/properties/name' },
    ],
    bump: 'major',
  },
  {
    name: 'an enum value added (sent and received: breaking only where received)',
    edit: (d) => d.components.schemas.Status.enum.push('escalated'),
    changes: [
      { code: 'enum-value-added', impact: 'breaking', schema: 'Status', oldPointer: '/components/schemas/Status', newPointer: '/components/schemas/Status' },
      { code: 'enum-value-added', impact: 'additive', schema: 'Status' },
    ],
    bump: 'major',
  },
  {
    name: 'an enum value removed from a request parameter type',
    edit: (d) => {
      listTickets(d).parameters[0].schema = { type: 'string', enum: ['open', 'pending'] };
    },
    changes: [
      { code: 'enum-value-removed', impact: 'breaking', action: 'listTickets', oldPointer: '/components/schemas/Status', newPointer: '/paths/~1tickets/get/parameters/0/schema' },
      { code: 'type-renamed', impact: 'patch', action: 'listTickets' },
    ],
    bump: 'major',
  },
  {
    name: 'nullable added to a response property, removed from another',
    edit: (d) => {
      ticket(d).properties.subject.nullable = true;
      delete ticket(d).properties.assignee.nullable;
    },
    changes: [
      { code: 'nullable-added', impact: 'breaking', schema: 'Ticket', newPointer: '/components/schemas/Ticket/properties/subject' },
      { code: 'nullable-removed', impact: 'patch', schema: 'Ticket', oldPointer: '/components/schemas/Ticket/properties/assignee' },
    ],
    bump: 'major',
  },
  {
    name: 'the request body made optional',
    edit: (d) => (d.paths['/tickets'].post.requestBody.required = false),
    changes: [{ code: 'request-body-made-optional', impact: 'additive', action: 'createTicket', oldPointer: '/paths/~1tickets/post/requestBody/content/application~1json/schema' }],
    bump: 'minor',
  },
  {
    name: 'the default server moved and a server variable was added',
    edit: (d) => (d.servers = [{ url: 'https://{tenant}.{region}.tickets.example.com/v2', variables: { tenant: { default: 'acme' }, region: { default: 'eu' } } }]),
    changes: [
      { code: 'server-variable-added', impact: 'additive', newPointer: '/servers/0/variables/region' },
      { code: 'server-changed', impact: 'patch', typed: false },
    ],
    bump: 'minor',
  },
  {
    name: 'the auth scheme changed type',
    edit: (d) => (d.components.securitySchemes.token = { type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    changes: [{ code: 'auth-scheme-changed', impact: 'breaking', oldPointer: '/components/securitySchemes/token', newPointer: '/components/securitySchemes/token' }],
    bump: 'major',
  },
  {
    name: 'only descriptions changed',
    edit: (d) => {
      d.info.description = 'Reworded.';
      ticket(d).properties.subject.description = 'What the ticket is about.';
    },
    changes: [],
    bump: 'none',
  },
];

describe('diffIR on spec pairs', () => {
  it.each(CASES)('$name', ({ edit, changes, bump }) => {
    const result = diff(edit);
    expect(result.changes).toEqual(changes.map((c) => expect.objectContaining(c)));
    expect(result.bump).toBe(bump);
    for (const change of result.changes) expect(change.breaking).toBe(change.impact === 'breaking');
  });

  // The ts-morph cross-check regenerate runs: the generated types change exactly where the diff says.
  it.each(CASES)('agrees with the generated types: $name', ({ edit }) => {
    const after = clone();
    edit(after);
    const [oldIR, newIR] = [buildIR(clone()), buildIR(after)];
    const result = diffIR(oldIR, newIR);
    expect(checkDiff(readPublicApi(emit(oldIR), oldIR), readPublicApi(emit(newIR), newIR), result.changes)).toEqual([]);
  });

  it('the cross-check reports a diff that misses a type change, and one that claims a change that is not there', () => {
    const after = clone();
    delete ticket(after).properties.priority;
    const [oldIR, newIR] = [buildIR(clone()), buildIR(after)];
    const [before, next] = [readPublicApi(emit(oldIR), oldIR), readPublicApi(emit(newIR), newIR)];
    expect(checkDiff(before, next, [])).toEqual([{ owner: 'type:Ticket', problem: 'types-changed-but-not-in-diff' }]);
    const claimed = { ...diffIR(oldIR, newIR).changes[0]!, schema: 'Agent' };
    expect(checkDiff(before, next, [claimed])).toEqual([
      { owner: 'type:Ticket', problem: 'types-changed-but-not-in-diff' },
      { owner: 'type:Agent', problem: 'in-diff-but-types-unchanged' },
    ]);
  });

  it('classes pagination: added is additive, removed breaking', () => {
    const paged = { actions: { overrides: { listTickets: { pagination: { type: 'cursor', cursorParam: 'cursor', nextCursorPath: 'next_cursor', resultsKey: 'data' } } } } };
    const unpaged = { actions: { overrides: { listTickets: { pagination: { type: 'none' } } } } };
    const added = diffIR(buildIR(clone(), unpaged), buildIR(clone(), paged));
    expect(added.changes).toEqual([expect.objectContaining({ code: 'pagination-added', impact: 'additive', action: 'listTickets' })]);
    const removed = diffIR(buildIR(clone(), paged), buildIR(clone(), unpaged));
    expect(removed.changes).toEqual([expect.objectContaining({ code: 'pagination-removed', impact: 'breaking' })]);
    expect(removed.bump).toBe('major');
  });

  it('prints text and Markdown with reasons and both pointers', () => {
    const result = diff((d) => delete ticket(d).properties.priority);
    const text = formatText(result);
    expect(text).toContain('Breaking changes (1):');
    expect(text).toContain('old /components/schemas/Ticket/properties/priority, new /components/schemas/Ticket');
    expect(text).toContain('semver bump major');
    const markdown = formatMarkdown(result);
    expect(markdown).toContain('### Breaking changes');
    expect(markdown).toContain('`/components/schemas/Ticket/properties/priority`');
  });
});

describe('diffIR on webhooks and callbacks (specs/webhooks)', () => {
  const billing: Doc = parse(readFileSync(new URL('../../../specs/webhooks/openapi.yaml', import.meta.url), 'utf8'));
  const events = (edit: (doc: Doc) => void) => {
    const after = structuredClone(billing);
    edit(after);
    return diffIR(buildIR(structuredClone(billing)), buildIR(after));
  };
  const verified = (doc: Doc) => doc.paths['/subscriptions'].post.callbacks['subscription.verified']['{$request.body#/url}'].post;

  it('a removed event is breaking, a new one additive', () => {
    const removed = events((d) => delete d.webhooks['invoice.failed']);
    expect(removed.changes).toEqual([expect.objectContaining({ code: 'webhook-removed', impact: 'breaking', message: 'webhook `invoice.failed`: removed', oldPointer: '/webhooks/invoice.failed/post' })]);
    expect(removed.bump).toBe('major');
    const added = events((d) => (d.webhooks['invoice.voided'] = structuredClone(d.webhooks['invoice.paid'])));
    expect(added.changes).toEqual([expect.objectContaining({ code: 'webhook-added', impact: 'additive', newPointer: '/webhooks/invoice.voided/post' })]);
    expect(added.bump).toBe('minor');
  });

  it('compares a payload as data the receiver is given, pointing into its schema', () => {
    const retyped = events((d) => (verified(d).requestBody.content['application/json'].schema.properties.data.properties.subscriptionId = { type: 'integer' }));
    const schema = '/paths/~1subscriptions/post/callbacks/subscription.verified/{$request.body#~1url}/post/requestBody/content/application~1json/schema';
    expect(retyped.changes).toEqual([
      expect.objectContaining({ code: 'type-changed', impact: 'breaking', message: 'callback `subscription.verified`: payload.data.subscriptionId changed from string to integer', newPointer: `${schema}/properties/data/properties/subscriptionId` }),
    ]);
    // A named payload is reported once, under its type, like any type actions share.
    const narrowed = events((d) => (d.components.schemas.InvoiceEvent.properties.data.properties.currency.enum = ['EUR', 'USD']));
    expect(narrowed.changes).toEqual([expect.objectContaining({ code: 'type-narrowed', impact: 'patch', schema: 'InvoiceEvent' })]);
    const widened = events((d) => (d.components.schemas.InvoiceEvent.required = ['type', 'timestamp']));
    expect(widened.changes).toEqual([expect.objectContaining({ impact: 'breaking', schema: 'InvoiceEvent', newPointer: '/components/schemas/InvoiceEvent/properties/data' })]);
    expect(events(() => {}).changes).toEqual([]);
  });
});

describe('nextVersion', () => {
  it.each([
    ['2.3.1', 'major', '3.0.0'],
    ['2.3.1', 'minor', '2.4.0'],
    ['2.3.1', 'patch', '2.3.2'],
    ['2.3.1', 'none', '2.3.1'],
    ['0.3.1', 'major', '0.4.0'],
    ['0.3.1', 'minor', '0.3.2'],
    ['0.3.1', 'patch', '0.3.2'],
    ['1.0.0-beta.2', 'patch', '1.0.0'],
  ] as const)('%s + %s -> %s', (version, bump, expected) => {
    expect(nextVersion(version, bump)).toBe(expected);
  });

  it('refuses a version that is not semver', () => {
    expect(() => nextVersion('v2', 'major')).toThrow(expect.objectContaining({ code: 'CG_VERSION_INVALID' }));
  });
});
