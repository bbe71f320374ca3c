/**
 * Mapping and webhook verification throughput, printed, not asserted (run on demand).
 *
 *   npx tsc -b runtime && node bench/mapping-webhooks.mjs [records] [rounds]
 *
 * 1. A 10-field mapping with transformations, compiled by compileMapping, against the same mapping
 *    written by hand in plain JS, on the same records in the same run (target: within 2x). Two
 *    variants: text/number work only, and with format_date (a zone) and format_phone, where the
 *    hand-written code calls the same libraries (luxon, libphonenumber-js) a person would reach for.
 * 2. Webhook verifications per second: verifyWebhook (a prepared verifier) against the
 *    standardwebhooks package, same messages; and through createWebhookReceiver over 127.0.0.1.
 * Rounds alternate and the best of each is kept, which damps the noise of a shared machine.
 */
import http from 'node:http';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import { compileMapping, createVerifier, createWebhookReceiver, signWebhook } from '../runtime/dist/index.js';

const N = Number(process.argv[2] ?? 50_000);
const ROUNDS = Number(process.argv[3] ?? 5);

const records = Array.from({ length: N }, (_, i) => ({
  id: String(i),
  first_name: ` Ada${i % 100} `,
  last_name: 'Lovelace',
  email: ` User${i}@Example.COM `,
  country: ['de', 'fr', 'us', 'xx'][i % 4],
  active: i % 3 === 0 ? 'yes' : 'no',
  score: `${i % 1000}.5`,
  tags: 'a;b;c',
  code: `sku-${i}`,
  created: '2026-06-30T22:30:00Z',
  phone: `+1 415 555 ${String(2000 + (i % 7000)).padStart(4, '0')}`,
}));

const TEXT_FIELDS = [
  { source: 'id', target: 'id', transformation: 'number', validation: 'integer', required: true },
  { source: ['first_name', 'last_name'], target: 'name.full', transformations: ['concat', 'trim'], separator: ' ' },
  { source: 'first_name', target: 'name.first', transformation: 'trim' },
  { source: 'email', target: 'contact.email', transformations: ['trim', 'lowercase'], validation: 'email', required: true },
  { source: 'country', target: 'country', transformation: { type: 'lookup', table: { de: 'DE', fr: 'FR', us: 'US' }, default: 'ZZ' } },
  { source: 'active', target: 'active', transformation: 'boolean' },
  { source: 'score', target: 'score', transformation: 'number', validation: { min: 0 } },
  { source: 'tags', target: 'tags', transformation: 'split', separator: ';' },
  { source: 'code', target: 'sku', transformation: 'uppercase' },
  { source: 'missing', target: 'source', default: 'bench' },
];
const WITH_LIBS = [
  ...TEXT_FIELDS.slice(0, 8),
  { source: 'created', target: 'createdAt', transformation: 'format_date', format: 'yyyy-MM-dd HH:mm', zone: 'Europe/Berlin' },
  { source: 'phone', target: 'phone', transformation: 'format_phone', country: 'US' },
];

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@(?!-)[^\s@"(),:;<>[\\\]_.]+(?:\.[^\s@"(),:;<>[\\\]_.]+)+$/u;
const COUNTRIES = { de: 'DE', fr: 'FR', us: 'US' };
const yes = (v) => ['true', 'yes', 'y', '1', 'on', 't'].includes(v.trim().toLowerCase());

/** What a person would write for TEXT_FIELDS: the same checks, returning errors the same way. */
function handText(r) {
  const errors = [];
  const id = Number(r.id);
  if (!Number.isInteger(id)) errors.push({ target: 'id', value: r.id, rule: 'integer' });
  const email = r.email.trim().toLowerCase();
  if (!EMAIL.test(email)) errors.push({ target: 'contact.email', value: r.email, rule: 'email' });
  const score = Number(r.score);
  if (!(score >= 0)) errors.push({ target: 'score', value: r.score, rule: 'min' });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id,
      name: { full: [r.first_name, r.last_name].filter(Boolean).join(' ').trim(), first: r.first_name.trim() },
      contact: { email },
      country: COUNTRIES[r.country] ?? 'ZZ',
      active: yes(r.active),
      score,
      tags: r.tags.split(';'),
      sku: r.code.toUpperCase(),
      source: r.missing ?? 'bench',
    },
  };
}

function handLibs(r) {
  const base = handText(r);
  if (!base.ok) return base;
  const { sku: _sku, source: _source, ...value } = base.value;
  const phone = parsePhoneNumberFromString(r.phone, 'US');
  if (!phone?.isValid()) return { ok: false, errors: [{ target: 'phone', value: r.phone, rule: 'format_phone' }] };
  const created = DateTime.fromISO(r.created).setZone('Europe/Berlin');
  return { ok: true, value: { ...value, createdAt: created.toFormat('yyyy-MM-dd HH:mm'), phone: phone.format('E.164') } };
}

function time(fn) {
  const start = process.hrtime.bigint();
  let ok = 0;
  for (const r of records) if (fn(r).ok) ok++;
  return { ns: Number(process.hrtime.bigint() - start) / N, ok };
}

function compare(label, compiled, hand) {
  // Same answers first: a fast wrong mapping proves nothing.
  const a = JSON.stringify(compiled(records[1]).value);
  const b = JSON.stringify(hand(records[1]).value);
  if (a !== b) throw new Error(`${label}: compiled and hand-written disagree\n${a}\n${b}`);
  let bestC = Infinity;
  let bestH = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    bestH = Math.min(bestH, time(hand).ns);
    bestC = Math.min(bestC, time(compiled).ns);
  }
  console.log(`${label.padEnd(34)} compiled ${(bestC / 1000).toFixed(2)} µs/record, hand-written ${(bestH / 1000).toFixed(2)} µs/record, ratio ${(bestC / bestH).toFixed(2)}x`);
}

console.log(`mapping: ${N.toLocaleString('en-US')} records, best of ${ROUNDS} rounds, node ${process.version}`);
compare('10 fields, text and numbers', compileMapping(TEXT_FIELDS), handText);
compare('10 fields, with date and phone', compileMapping(WITH_LIBS), handLibs);

// Webhooks.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = Date.UTC(2026, 10, 30, 8);
const body = JSON.stringify({ type: 'invoice.paid', timestamp: '2026-11-30T08:00:00Z', data: { id: 'in_1', amount: 4200, lines: Array.from({ length: 10 }, (_, i) => ({ sku: `s${i}`, qty: i })) } });
const messages = Array.from({ length: 20_000 }, (_, i) => ({ headers: signWebhook({ secret: SECRET, body, id: `msg_${i}`, now: () => now }), body }));
const verify = createVerifier({ secret: SECRET, now: () => now });
const theirs = new Webhook(SECRET);
let bestOurs = 0;
let bestTheirs = 0;
for (let round = 0; round < ROUNDS; round++) {
  let start = performance.now();
  for (const m of messages) verify(m);
  bestOurs = Math.max(bestOurs, messages.length / ((performance.now() - start) / 1000));
  // The package checks its own wall clock, so it gets messages signed now.
  const fresh = messages.slice(0, 5000).map((m, i) => ({ headers: signWebhook({ secret: SECRET, body, id: `t_${round}_${i}` }), body }));
  start = performance.now();
  for (const m of fresh) theirs.verify(m.body, m.headers);
  bestTheirs = Math.max(bestTheirs, fresh.length / ((performance.now() - start) / 1000));
}
console.log(`verifyWebhook: ${Math.round(bestOurs).toLocaleString('en-US')} verifications/s; standardwebhooks package: ${Math.round(bestTheirs).toLocaleString('en-US')}/s (${body.length}-byte body)`);

/** Deliveries per second to `handler` over 127.0.0.1: sign + POST + answer, 16 connections, 3 s. */
async function deliveriesPerSecond(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const agent = new Agent({ connections: 16 });
  let sent = 0;
  const start = performance.now();
  const until = start + 3000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        const headers = { 'content-type': 'application/json', ...signWebhook({ secret: SECRET, body }) };
        const response = await request(url, { method: 'POST', body, headers, dispatcher: agent });
        await response.body.dump();
        if (response.statusCode !== 204) throw new Error(`receiver answered ${response.statusCode}`);
        sent++;
      }
    }),
  );
  const rate = sent / ((performance.now() - start) / 1000);
  await agent.close();
  server.close();
  return Math.round(rate).toLocaleString('en-US');
}

// Baseline: a bare node:http handler that reads the body and answers 204, no verification.
const bare = await deliveriesPerSecond((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
const received = await deliveriesPerSecond(createWebhookReceiver({ secret: SECRET, onEvent: () => undefined }));
console.log(`over 127.0.0.1, sender and receiver in one process, 16 connections: receiver ${received} deliveries/s, bare node:http handler ${bare}/s`);
