/**
 * Reading a sync definition (parsed YAML or a TypeScript object) into a `SyncDefinition`, reporting
 * every problem at once with its JSON pointer and a hint (code `CG_SYNC_DEFINITION`), so a mistake
 * is found when the sync is loaded rather than pages into a run.
 */
import { cronOf } from '../schedule/due.js';
import { SyncError, type SyncIssue } from '../errors.js';
import { Checker, type Obj } from './checker.js';
import { checkBidirectional, checkDeletionSignals } from './two-way.js';
import type { SyncDefinition } from './types.js';

const TOP_KEYS = ['id', 'source', 'destination', 'idPath', 'mode', 'direction', 'conflict', 'children', 'cursor', 'mapping', 'reverseMapping', 'onDelete', 'pageSize', 'concurrency', 'retry', 'audit', 'stall', 'schedule'];
const WRITE_KEYS = ['upsert', 'create', 'update', 'delete'];
const DELETION_KEYS = ['tombstone', 'deletions'];

/** Checks `value` and returns it typed; throws `SyncError` (`CG_SYNC_DEFINITION`) listing every problem. */
export function parseSyncDefinition(value: unknown): SyncDefinition {
  const c = new Checker();
  const def = c.object(value, '', 'a sync definition');
  if (!def) throw failure(c.issues);
  c.keys(def, '', TOP_KEYS);
  c.string(def, 'id', '', true, 'name the sync, e.g. id: pets-to-crm');
  c.path(def, 'idPath', '', true, 'the path to the record id in a source record, e.g. idPath: id');
  c.oneOf(def, 'mode', '', ['full', 'incremental'], true);
  c.oneOf(def, 'direction', '', ['one-way', 'both'], false);
  c.oneOf(def, 'conflict', '', ['source-wins', 'destination-wins', 'newest-wins', 'manual'], false);
  const both = def['direction'] === 'both';
  checkEndpoint(c, def['source'], '/source', 'source', both);
  checkEndpoint(c, def['destination'], '/destination', 'destination', both);
  if (both) checkBidirectional(c, def);
  checkChildren(c, def);
  checkCursor(c, def);
  for (const key of ['mapping', 'reverseMapping']) {
    if (def[key] !== undefined && typeof def[key] !== 'function') c.object(def[key], `/${key}`, key);
  }
  if (def['reverseMapping'] !== undefined && !both) {
    c.add('/reverseMapping', 'only a bidirectional sync maps records back', 'direction: both, or drop reverseMapping');
  }
  c.oneOf(def, 'onDelete', '', ['delete', 'flag', 'keep'], false);
  c.integer(def, 'pageSize', '', 1, 10_000);
  c.integer(def, 'concurrency', '', 1, 256);
  checkRetry(c, def['retry']);
  checkAudit(c, def['audit']);
  checkStall(c, def['stall']);
  checkSchedule(c, def['schedule']);
  if (c.issues.length > 0) throw failure(c.issues);
  return def as unknown as SyncDefinition;
}

function failure(issues: readonly SyncIssue[]): SyncError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new SyncError('CG_SYNC_DEFINITION', `invalid sync definition: ${first.message}${more}`, {
    pointer: first.pointer,
    ...(first.hint ? { hint: first.hint } : {}),
    issues,
  });
}

function checkChildren(c: Checker, def: Obj): void {
  const children = def['children'];
  if (children === undefined) return;
  if (!Array.isArray(children)) return c.add('/children', '"children" must be a list of child streams');
  const source = def['source'] as Obj | undefined;
  if (def['direction'] === 'both' || typeof source !== 'object' || source === null || source['connector'] === undefined) {
    c.add('/children', 'child streams need a one-way sync from a connector', 'read children with another action of the source connector');
  }
  const ids = new Set<string>();
  children.forEach((child: unknown, i: number) => {
    const pointer = `/children/${i}`;
    const obj = c.object(child, pointer, 'a child stream');
    if (!obj) return;
    c.keys(obj, pointer, ['id', 'action', 'parentKey', 'input', 'idPath', 'destination', 'mapping']);
    const id = c.string(obj, 'id', pointer, true, 'name the child stream, e.g. id: comments');
    if (id !== undefined && ids.has(id)) c.add(`${pointer}/id`, `child stream "${id}" is defined twice`);
    if (id !== undefined) ids.add(id);
    c.string(obj, 'action', pointer, true, 'the paginated action that lists a parent\'s children, e.g. action: listComments');
    c.string(obj, 'parentKey', pointer, true, 'the input key that takes the parent id, e.g. parentKey: issueNumber');
    c.path(obj, 'idPath', pointer, true, 'the path to the child record id');
    if (obj['input'] !== undefined) c.object(obj['input'], `${pointer}/input`, 'input');
    if (obj['mapping'] !== undefined && typeof obj['mapping'] !== 'function') c.object(obj['mapping'], `${pointer}/mapping`, 'mapping');
    checkEndpoint(c, obj['destination'], `${pointer}/destination`, 'destination', false);
  });
}

function checkEndpoint(c: Checker, value: unknown, pointer: string, role: 'source' | 'destination', both: boolean): void {
  const obj = c.object(value, pointer, role);
  if (!obj) return;
  if (obj['store'] !== undefined) {
    const idPath = both && role === 'destination' && obj['idPath'] !== undefined;
    if (idPath) c.add(`${pointer}/idPath`, 'a store collection keeps each record under the shared record id: it has no idPath', 'drop idPath here (a connector destination may name one)');
    c.keys(obj, pointer, ['store', ...(role === 'destination' ? ['schema'] : []), ...(idPath ? ['idPath'] : [])]);
    c.string(obj, 'store', pointer, true);
    // A string is a schema file's path, which the CLI reads before the run.
    if (obj['schema'] !== undefined && typeof obj['schema'] !== 'string') c.object(obj['schema'], `${pointer}/schema`, 'schema');
    return;
  }
  if (obj['connector'] === undefined) {
    c.add(pointer, `the ${role} needs "connector" or "store"`, role === 'source'
      ? 'source: { connector: ./connectors/petstore, action: listPets } or source: { store: pets }'
      : 'destination: { connector: ./crm, upsert: { action: putContact, id: contactId } } or destination: { store: pets }');
    return;
  }
  const connector = obj['connector'];
  if (typeof connector !== 'string' && (connector === null || typeof connector !== 'object')) {
    c.add(`${pointer}/connector`, '"connector" must be a connector package path or a connector object');
  }
  if (obj['options'] !== undefined) c.object(obj['options'], `${pointer}/options`, 'options');
  const readable = role === 'source' || both;
  const writable = role === 'destination' || both;
  const takesSince = role === 'source' || both;
  // Only a two-way destination is read by id: a one-way one is written by the source's id, and the
  // source's id path is the top-level idPath.
  const ownIdPath = both && role === 'destination';
  c.keys(obj, pointer, ['connector', 'options', 'idPath', ...(readable ? ['action', 'input'] : []), ...(takesSince ? ['sinceParam'] : []), ...(both ? DELETION_KEYS : []), ...(writable ? WRITE_KEYS : [])]);
  if (ownIdPath) c.path(obj, 'idPath', pointer, false, 'where a destination record keeps the source\'s record id, e.g. idPath: externalId');
  else if (obj['idPath'] !== undefined) {
    c.add(`${pointer}/idPath`, role === 'source' ? 'the source\'s id path is the top-level "idPath"' : 'only a two-way sync reads the destination\'s records by id', role === 'source' ? 'move it to the top level of the definition' : 'drop idPath here, or set direction: both');
  }
  if (readable) {
    c.string(obj, 'action', pointer, true, 'the paginated action that lists the records, e.g. action: listPets');
    if (obj['input'] !== undefined) c.object(obj['input'], `${pointer}/input`, 'input');
  }
  if (takesSince) c.string(obj, 'sinceParam', pointer, false);
  if (both) checkDeletionSignals(c, obj, pointer);
  if (!writable) return;
  if (obj['upsert'] === undefined && (obj['create'] === undefined || obj['update'] === undefined)) {
    c.add(pointer, `a connector ${role} that is written to needs "upsert", or both "create" and "update"`, 'upsert: { action: putPet, id: petId } writes by id with one action');
  }
  for (const key of WRITE_KEYS) {
    const write = obj[key] === undefined ? undefined : c.object(obj[key], `${pointer}/${key}`, key);
    if (!write) continue;
    c.keys(write, `${pointer}/${key}`, ['action', 'id', 'body', 'idempotencyKey', 'input']);
    c.string(write, 'action', `${pointer}/${key}`, true);
    c.string(write, 'id', `${pointer}/${key}`, key !== 'create', 'the input key that takes the record id, e.g. id: petId');
  }
}

function checkCursor(c: Checker, def: Obj): void {
  if (def['cursor'] === undefined) {
    if (def['mode'] === 'incremental') c.add('/cursor', 'an incremental sync needs a cursor', 'cursor: { field: updated_at, lookback: 5m }');
    return;
  }
  const cursor = c.object(def['cursor'], '/cursor', 'cursor');
  if (!cursor) return;
  c.keys(cursor, '/cursor', ['field', 'lookback']);
  c.path(cursor, 'field', '/cursor', true, 'the field that grows when a record changes, e.g. updated_at or meta.updated_at');
  c.duration(cursor, 'lookback', '/cursor');
}

function checkRetry(c: Checker, value: unknown): void {
  const retry = value === undefined ? undefined : c.object(value, '/retry', 'retry');
  if (!retry) return;
  c.keys(retry, '/retry', ['maxAttempts', 'baseDelayMs', 'maxDelayMs']);
  c.integer(retry, 'maxAttempts', '/retry', 1, 100);
  c.integer(retry, 'baseDelayMs', '/retry', 0, 3_600_000);
  c.integer(retry, 'maxDelayMs', '/retry', 0, 3_600_000);
}

function checkAudit(c: Checker, value: unknown): void {
  const audit = value === undefined ? undefined : c.object(value, '/audit', 'audit');
  if (!audit) return;
  c.keys(audit, '/audit', ['sensitive', 'skips', 'retention']);
  const sensitive = audit['sensitive'];
  if (sensitive !== undefined) {
    if (!Array.isArray(sensitive)) c.add('/audit/sensitive', '"sensitive" must be a list of paths');
    else sensitive.forEach((_, i) => c.path(sensitive as unknown as Obj, String(i), '/audit/sensitive', true, 'a path such as ssn or card.number'));
  }
  if (audit['skips'] !== undefined && typeof audit['skips'] !== 'boolean') c.add('/audit/skips', '"skips" must be true or false');
  const retention = audit['retention'] === undefined ? undefined : c.object(audit['retention'], '/audit/retention', 'retention');
  if (retention) {
    c.keys(retention, '/audit/retention', ['maxAge', 'maxRows']);
    c.duration(retention, 'maxAge', '/audit/retention');
    c.integer(retention, 'maxRows', '/audit/retention', 1, Number.MAX_SAFE_INTEGER);
  }
}

function checkStall(c: Checker, value: unknown): void {
  const stall = value === undefined ? undefined : c.object(value, '/stall', 'stall');
  if (!stall) return;
  c.keys(stall, '/stall', ['noProgress', 'repeatedPages']);
  c.duration(stall, 'noProgress', '/stall');
  c.integer(stall, 'repeatedPages', '/stall', 1, 1000);
}

function checkSchedule(c: Checker, value: unknown): void {
  const schedule = value === undefined ? undefined : c.object(value, '/schedule', 'schedule');
  if (!schedule) return;
  c.keys(schedule, '/schedule', ['cron', 'timezone', 'missed']);
  const cron = c.string(schedule, 'cron', '/schedule', true, 'a cron expression, e.g. "*/15 * * * *"');
  const timezone = c.string(schedule, 'timezone', '/schedule', false);
  c.oneOf(schedule, 'missed', '/schedule', ['run-once', 'skip'], false);
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      c.add('/schedule/timezone', `unknown time zone "${timezone}"`, 'an IANA name such as Europe/Berlin or America/New_York');
      return;
    }
  }
  if (cron !== undefined) {
    try {
      cronOf({ cron, ...(timezone ? { timezone } : {}) });
    } catch (error) {
      c.add('/schedule/cron', `invalid cron expression: ${(error as Error).message}`, 'five fields: minute hour day-of-month month day-of-week, e.g. "0 */2 * * *"');
    }
  }
}
