import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { MemoryReplayStore } from './replay.js';
import { signWebhook, verifyWebhook, type VerifyOptions } from './verify.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_dGhlIG9sZCBrZXkgYmVmb3JlIHJvdGF0aW9u';
const NOW = Date.UTC(2026, 10, 30, 8, 0, 0);
const clock = () => NOW;
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200, note: 'café ☕' } });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('Standard Webhooks', () => {
  it('is verified by the standardwebhooks package, and verifies what it signs', () => {
    // The package reads the wall clock, so this one exchange uses real time.
    const headers = signWebhook({ secret: SECRET, body, id: 'msg_interop' });
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));

    const theirs = new Webhook(SECRET);
    const signature = theirs.sign('msg_theirs', new Date(NOW), body);
    const received = { 'webhook-id': 'msg_theirs', 'webhook-timestamp': String(NOW / 1000), 'webhook-signature': signature };
    expect(verifyWebhook({ headers: received, body }, { secret: SECRET, now: clock })).toEqual({ id: 'msg_theirs', timestamp: NOW / 1000, secretIndex: 0 });
  });

  it('refuses a tampered body, id or timestamp, and a wrong secret, with 401 codes', () => {
    const headers = signWebhook({ secret: SECRET, body, id: 'msg_1', now: clock });
    const options: VerifyOptions = { secret: SECRET, now: clock };
    expect(codeOf(() => verifyWebhook({ headers, body: body.replace('4200', '4201') }, options))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(codeOf(() => verifyWebhook({ headers: { ...headers, 'webhook-id': 'msg_2' }, body }, options))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(codeOf(() => verifyWebhook({ headers: { ...headers, 'webhook-timestamp': String(NOW / 1000 + 1) }, body }, options))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(codeOf(() => verifyWebhook({ headers, body }, { ...options, secret: OLD_SECRET }))).toBe('CG_WEBHOOK_SIGNATURE');
    const { 'webhook-signature': _dropped, ...unsigned } = headers;
    expect(codeOf(() => verifyWebhook({ headers: unsigned, body }, options))).toBe('CG_WEBHOOK_SIGNATURE_MISSING');
    expect(codeOf(() => verifyWebhook({ headers: { ...headers, 'webhook-signature': 'v2,abc' }, body }, options))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(codeOf(() => verifyWebhook({ headers: { ...headers, 'webhook-timestamp': 'yesterday' }, body }, options))).toBe('CG_WEBHOOK_TIMESTAMP');
  });

  it('refuses a message outside the tolerance window either way, and accepts one at its edge', () => {
    const at = (seconds: number) => signWebhook({ secret: SECRET, body, id: `msg_${seconds}`, timestamp: NOW / 1000 + seconds });
    const options: VerifyOptions = { secret: SECRET, now: clock, toleranceSeconds: 300 };
    expect(codeOf(() => verifyWebhook({ headers: at(-301), body }, options))).toBe('CG_WEBHOOK_STALE');
    expect(codeOf(() => verifyWebhook({ headers: at(301), body }, options))).toBe('CG_WEBHOOK_STALE');
    expect(verifyWebhook({ headers: at(-300), body }, options).id).toBe('msg_-300');
    expect(verifyWebhook({ headers: at(300), body }, options).id).toBe('msg_300');
  });

  it('refuses a replayed id until the window has passed, and only after the signature checked out', () => {
    let now = NOW;
    const replay = new MemoryReplayStore();
    const options: VerifyOptions = { secret: SECRET, now: () => now, replay };
    const headers = signWebhook({ secret: SECRET, body, id: 'msg_once', now: () => now });
    verifyWebhook({ headers, body }, options);
    expect(codeOf(() => verifyWebhook({ headers, body }, options))).toBe('CG_WEBHOOK_REPLAYED');
    // A forged message reusing a fresh id does not burn that id.
    const forged = { ...signWebhook({ secret: OLD_SECRET, body, id: 'msg_fresh', now: () => now }) };
    expect(codeOf(() => verifyWebhook({ headers: forged, body }, options))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(verifyWebhook({ headers: signWebhook({ secret: SECRET, body, id: 'msg_fresh', now: () => now }), body }, options).id).toBe('msg_fresh');
    now += 301_000;
    expect(codeOf(() => verifyWebhook({ headers, body }, options))).toBe('CG_WEBHOOK_STALE');
  });

  it('accepts any of several secrets during a rotation, and signs with each', () => {
    const signedWithOld = signWebhook({ secret: OLD_SECRET, body, id: 'msg_r', now: clock });
    expect(verifyWebhook({ headers: signedWithOld, body }, { secret: [SECRET, OLD_SECRET], now: clock }).secretIndex).toBe(1);
    const both = signWebhook({ secret: [SECRET, OLD_SECRET], body, id: 'msg_b', now: clock });
    expect(both['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifyWebhook({ headers: both, body }, { secret: OLD_SECRET, now: clock }).secretIndex).toBe(0);
  });
});

describe('vendor schemes', () => {
  it('GitHub: X-Hub-Signature-256 over the body, delivery id for replay, hex compared as GitHub computes it', () => {
    const secret = "It's a Secret to Everybody";
    const payload = 'Hello, World!';
    // GitHub's documented test vector for this secret and payload.
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    const headers = signWebhook({ scheme: 'github', secret, body: payload, id: 'delivery-1' });
    expect(headers['x-hub-signature-256']).toBe(expected);
    const replay = new MemoryReplayStore();
    const received = { 'X-Hub-Signature-256': expected, 'X-GitHub-Delivery': 'delivery-1', 'X-GitHub-Event': 'push' };
    expect(verifyWebhook({ headers: received, body: payload }, { scheme: 'github', secret, replay, now: clock })).toEqual({ id: 'delivery-1', timestamp: undefined, secretIndex: 0 });
    expect(codeOf(() => verifyWebhook({ headers: received, body: payload }, { scheme: 'github', secret, replay, now: clock }))).toBe('CG_WEBHOOK_REPLAYED');
    expect(codeOf(() => verifyWebhook({ headers: received, body: `${payload} ` }, { scheme: 'github', secret, now: clock }))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(codeOf(() => verifyWebhook({ headers: { 'x-hub-signature-256': 'sha1=abc' }, body: payload }, { scheme: 'github', secret }))).toBe('CG_WEBHOOK_SIGNATURE');
  });

  it('a configured HMAC scheme with a signed timestamp (Slack style) checks the window', () => {
    const scheme = { type: 'hmac', header: 'X-Slack-Signature', prefix: 'v0=', timestampHeader: 'X-Slack-Request-Timestamp', signedContent: 'v0:{timestamp}:{body}' } as const;
    const secret = 'slack-signing-secret';
    const ts = NOW / 1000;
    const manual = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const headers = { 'x-slack-signature': manual, 'x-slack-request-timestamp': String(ts) };
    expect(verifyWebhook({ headers, body }, { scheme, secret, now: clock }).timestamp).toBe(ts);
    expect(codeOf(() => verifyWebhook({ headers, body }, { scheme, secret, now: () => NOW + 600_000 }))).toBe('CG_WEBHOOK_STALE');
    expect(codeOf(() => verifyWebhook({ headers: { 'x-slack-signature': manual }, body }, { scheme, secret, now: clock }))).toBe('CG_WEBHOOK_TIMESTAMP');
  });

  it('a plain shared-secret header is compared whole', () => {
    const scheme = { type: 'shared-secret', header: 'X-Webhook-Token' } as const;
    expect(verifyWebhook({ headers: { 'x-webhook-token': 'tok-123456' }, body }, { scheme, secret: ['tok-old', 'tok-123456'] }).secretIndex).toBe(1);
    expect(codeOf(() => verifyWebhook({ headers: { 'x-webhook-token': 'tok-12345' }, body }, { scheme, secret: 'tok-123456' }))).toBe('CG_WEBHOOK_SIGNATURE');
    expect(codeOf(() => verifyWebhook({ headers: {}, body }, { scheme, secret: 'tok-123456' }))).toBe('CG_WEBHOOK_SIGNATURE_MISSING');
  });

  it('refuses a configuration it cannot honour with a coded error', () => {
    expect(codeOf(() => verifyWebhook({ headers: {}, body }, { scheme: 'stripe' as 'github', secret: 'x' }))).toBe('CG_WEBHOOK_CONFIG');
    expect(codeOf(() => verifyWebhook({ headers: {}, body }, { secret: [] }))).toBe('CG_WEBHOOK_CONFIG');
    expect(codeOf(() => verifyWebhook({ headers: {}, body }, { scheme: { type: 'hmac', header: 'x-sig', signedContent: '{timestamp}.{body}' }, secret: 'x' }))).toBe('CG_WEBHOOK_CONFIG');
  });
});

describe('MemoryReplayStore', () => {
  it('stays within its bound, dropping expired ids first and then the oldest', () => {
    const store = new MemoryReplayStore({ maxEntries: 10 });
    for (let i = 0; i < 10; i++) store.claim(`old-${i}`, i < 5 ? 100 : 10_000, 0);
    expect(store.claim('new', 10_000, 200)).toBe(true);
    expect(store.size).toBeLessThanOrEqual(10);
    expect(store.claim('old-1', 10_000, 200)).toBe(true);
    expect(store.claim('new', 10_000, 200)).toBe(false);
  });
});
