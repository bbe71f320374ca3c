/**
 * Jobs run in real Chromium against pages this test serves on 127.0.0.1. One runner (one browser)
 * for the whole file: starting Chromium is the slow part.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumPath, describeWithChromium } from '../testing/chromium.js';
import { ORDERS, startRpaSite, type RpaSite } from '../testing/rpa-site.js';
import { rpaAction, rpaDestination, rpaSource, RpaRunError } from './connector.js';
import { defineJob } from './job/job.js';
import { loadJob, parseJob } from './job/load.js';
import { RpaRunner } from './runner.js';
import { runSync } from '../sync/engine/run.js';
import { openSqliteStore } from '../sync/store/sqlite/store.js';
import { openRunStore, SqliteRunStore } from './store/sqlite.js';

const specs = path.resolve(import.meta.dirname, '../../../specs/rpa');
const SECRET = 'hunter2-very-secret';

describeWithChromium('RPA jobs in Chromium', () => {
  let site: RpaSite;
  let dir: string;
  let store: SqliteRunStore;
  let runner: RpaRunner;

  beforeAll(async () => {
    site = await startRpaSite();
    dir = mkdtempSync(path.join(tmpdir(), 'connectgen-rpa-test-'));
    store = openRunStore(path.join(dir, 'connectgen.db'));
    runner = new RpaRunner({ chromiumPath: chromiumPath!, store, concurrency: 2 });
  });

  afterAll(async () => {
    await runner?.close();
    await store?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const applyInputs = () => ({ baseUrl: site.origin, name: 'Ada Lovelace', email: 'ada@example.org', plan: 'pro', password: SECRET });

  it('fills a two-page form, submits it and extracts the confirmation number', async () => {
    const job = await loadJob(path.join(specs, 'apply.yaml'));
    const { record, outputs } = await runner.run(job, applyInputs());

    expect(record.status).toBe('succeeded');
    expect(outputs).toEqual({ confirmation: expect.stringMatching(/^CN-\d+$/) });
    const submitted = site.submissions.at(-1);
    expect(submitted).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.org', plan: 'pro', terms: 'yes', password: SECRET });
    expect(record.outputs['confirmation']).toBe(outputs['confirmation']);
    expect(record.steps.map((s) => s.kind)).toEqual(['goto', 'fill', 'fill', 'click', 'waitFor', 'select', 'fill', 'check', 'click', 'assert', 'extract']);
    expect(record.steps.every((s) => s.status === 'succeeded' && s.attempts === 1 && s.durationMs >= 0)).toBe(true);
    expect(record.steps.at(-1)?.url).toBe(`${site.origin}/apply/done`);
    expect(await store.get(record.id)).toEqual(record);
  });

  it('never writes a secret input into the record, the store or a screenshot name', async () => {
    const job = parseJob(`
name: secret-in-places
inputs: { baseUrl: {}, password: { secret: true } }
steps:
  - goto: "{{ inputs.baseUrl }}/apply"
  - fill: { label: Full name }
    value: "user {{ inputs.password }}"
  - screenshot: "after {{ inputs.password }}"
  - extract: { label: Full name }
    as: typed
  - click: "#missing-{{ inputs.password }}"
    timeoutMs: 300
`);
    const { record } = await runner.run(job, { baseUrl: site.origin, password: SECRET });

    expect(record.status).toBe('failed');
    expect(record.inputs['password']).toBe('[REDACTED]');
    const stored = JSON.stringify(await store.get(record.id));
    expect(stored).toContain('#missing-[REDACTED]'); // the failing selector, masked
    expect(stored).not.toContain(SECRET);
    expect(JSON.stringify(record)).not.toContain(SECRET);
    const files = readdirSync(path.join(store.screenshotsDir, record.id));
    expect(files).toHaveLength(2); // the screenshot step and the failure
    expect(files.join(' ')).not.toContain('hunter2');
  });

  it('reads a table that renders late into records', async () => {
    const job = await loadJob(path.join(specs, 'orders.yaml'));
    const { record, outputs } = await runner.run(job, { baseUrl: site.origin });
    expect(record.status).toBe('succeeded');
    expect(outputs['orders']).toEqual(ORDERS);
  });

  it('records a failing step with its error, URL and a screenshot on disk', async () => {
    const job = defineJob({
      name: 'wrong-button',
      inputs: { baseUrl: {} },
      steps: [
        { goto: '{{ inputs.baseUrl }}/apply' },
        { fill: { label: 'Full name' }, value: 'Ada' },
        { click: { role: 'button', name: 'Continue' }, timeoutMs: 400, name: 'press continue' },
        { click: { role: 'button', name: 'Next' } },
      ],
    });
    const { record } = await runner.run(job, { baseUrl: site.origin });

    expect(record.status).toBe('failed');
    expect(record.steps).toHaveLength(3); // the step after the failure never ran
    const failed = record.steps[2]!;
    expect(failed).toMatchObject({ status: 'failed', name: 'press continue', pointer: '/steps/2', url: `${site.origin}/apply` });
    expect(failed.error?.code).toBe('CG_RPA_STEP_TIMEOUT');
    expect(record.error).toMatchObject({ step: '#3 press continue', pointer: '/steps/2', code: 'CG_RPA_STEP_TIMEOUT' });
    expect(failed.screenshot).toBeDefined();
    const png = readFileSync(failed.screenshot!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(path.dirname(failed.screenshot!)).toBe(path.join(store.screenshotsDir, record.id));
    expect(await store.list({ job: 'wrong-button' })).toEqual([
      expect.objectContaining({ id: record.id, status: 'failed', failedStep: '#3 press continue', steps: 3 }),
    ]);
  });

  it('retries a step marked with retries, and an assertion failure says what it saw', async () => {
    const job = parseJob(`
name: flaky
inputs: { baseUrl: {} }
steps:
  - goto: "{{ inputs.baseUrl }}/flaky"
    retries: 1
  - assert: "#status"
    equals: ready
  - assert: "#status"
    contains: busy
    timeoutMs: 300
`);
    const { record } = await runner.run(job, { baseUrl: site.origin });
    expect(record.steps[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(record.steps[1]).toMatchObject({ status: 'succeeded' });
    expect(record.steps[2]?.error).toMatchObject({ code: 'CG_RPA_ASSERT', message: expect.stringContaining('css #status contains "ready", not "busy"') });
  });

  it('loops with forEach, branches with if, appends outputs and uploads a file', async () => {
    const file = path.join(dir, 'report.pdf');
    (await import('node:fs')).writeFileSync(file, '%PDF-1.4');
    const job = parseJob(`
name: loops
inputs:
  baseUrl: {}
  people: { type: list }
  express: { type: boolean, default: false }
  file: {}
outputs: [names, chosen, mode]
steps:
  - goto: "{{ inputs.baseUrl }}/apply"
  - forEach: "{{ inputs.people }}"
    as: person
    steps:
      - fill: { label: Full name }
        value: "{{ person.name }}"
      - extract: { label: Full name }
        as: names
        append: true
  - if: { exists: { role: button, name: Next } }
    then:
      - if: "{{ inputs.express }}"
        then: [ { extract: "title", as: mode } ]
        else: [ { extract: { role: button, name: Next }, as: mode } ]
  - goto: "{{ inputs.baseUrl }}/upload"
  - upload: { label: Attachment }
    files: "{{ inputs.file }}"
  - extract: "#chosen"
    as: chosen
`);
    const { record, outputs } = await runner.run(job, { baseUrl: site.origin, people: '[{"name":"Ada"},{"name":"Grace"}]', file });
    expect(record.status).toBe('succeeded');
    expect(outputs).toEqual({ names: ['Ada', 'Grace'], chosen: 'report.pdf', mode: 'Next' });
    const iterations = record.steps.filter((s) => s.iteration !== undefined).map((s) => [s.kind, s.iteration]);
    expect(iterations).toEqual([['fill', 0], ['extract', 0], ['fill', 1], ['extract', 1]]);
    expect(record.steps.find((s) => s.kind === 'if')?.result).toEqual({ branch: 'then' });
  });

  it('runs several jobs at once, each in a fresh context', async () => {
    const job = await loadJob(path.join(specs, 'apply.yaml'));
    const results = await Promise.all([1, 2].map((n) => runner.run(job, { ...applyInputs(), name: `Person ${n}` })));
    expect(results.map((r) => r.record.status)).toEqual(['succeeded', 'succeeded']);
    expect(new Set(results.map((r) => r.outputs['confirmation'])).size).toBe(2);
  });

  it('serves as a connector action, a sync source and a sync destination', async () => {
    const apply = await loadJob(path.join(specs, 'apply.yaml'));
    const submit = rpaAction<ReturnType<typeof applyInputs>, { confirmation: string }>(runner, apply);
    expect((await submit(applyInputs())).confirmation).toMatch(/^CN-/);
    const response = await submit.withResponse(applyInputs());
    expect(response.body.confirmation).toMatch(/^CN-/);
    expect((await store.get(String(response.headers['x-connectgen-rpa-run'])))?.outputs).toEqual(response.body);

    const orders = rpaSource<{ baseUrl: string }>(runner, await loadJob(path.join(specs, 'orders.yaml')), { items: 'orders' });
    const items = [];
    for await (const item of orders.all({ baseUrl: site.origin })) items.push(item);
    expect(items).toEqual(ORDERS);

    const destination = rpaDestination(runner, apply, { inputs: (person: { name: string }) => ({ ...applyInputs(), name: person.name }) });
    const written = await destination.write({ name: 'Barbara Liskov' });
    expect(site.submissions.at(-1)?.['name']).toBe('Barbara Liskov');
    expect(written['confirmation']).toMatch(/^CN-/);

    const broken = rpaAction(runner, defineJob({ name: 'broken', inputs: { baseUrl: {} }, steps: [{ goto: '{{ inputs.baseUrl }}/nowhere' }] }));
    const error = await broken({ baseUrl: site.origin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpaRunError);
    expect((error as RpaRunError).record.error?.pointer).toBe('/steps/0');
  });

  it('feeds a real sync both ways: a table into the sync store, stored records out through a form', async () => {
    const syncStore = openSqliteStore(path.join(dir, 'sync.db'));
    const shared = new SqliteRunStore(syncStore.db, path.join(dir, 'screenshots'));
    const sharedRunner = new RpaRunner({ chromiumPath: chromiumPath!, store: shared });
    try {
      const orders = rpaSource(sharedRunner, await loadJob(path.join(specs, 'orders.yaml')), { items: 'orders' });
      const read = await runSync(
        { id: 'orders-in', source: { connector: { orders }, action: 'orders', input: { baseUrl: site.origin } }, destination: { store: 'orders' }, idPath: 'Order', mode: 'full' },
        { store: syncStore },
      );
      expect(read).toMatchObject({ status: 'succeeded', counts: { read: 3, created: 3 } });

      const submitOrder = parseJob(`
name: submit-order
inputs: { baseUrl: {}, id: {}, record: { type: object } }
outputs: [confirmation]
steps:
  - goto: "{{ inputs.baseUrl }}/apply"
  - fill: { label: Full name }
    value: "{{ inputs.record.Customer }}"
  - fill: { label: Email }
    value: "{{ inputs.id }}@example.org"
  - click: { role: button, name: Next }
  - check: { label: I accept the terms }
  - click: { role: button, name: Submit application }
  - extract: { testId: confirmation }
    as: confirmation
`);
      const before = site.submissions.length;
      const written = await runSync(
        {
          id: 'orders-out',
          source: { store: 'orders' },
          destination: { connector: { submit: rpaAction(sharedRunner, submitOrder) }, upsert: { action: 'submit', id: 'id', body: 'record', input: { baseUrl: site.origin } } },
          idPath: 'Order',
          mode: 'full',
        },
        { store: syncStore },
      );
      expect(written).toMatchObject({ status: 'succeeded', counts: { created: 3 } });
      expect(site.submissions.slice(before).map((s) => [s['name'], s['email']]).sort()).toEqual(ORDERS.map((o) => [o.Customer, `${o.Order}@example.org`]).sort());
      // Four RPA runs, recorded in the sync store's own file.
      expect((await shared.list({ limit: 10 })).map((r) => r.job).sort()).toEqual(['list-orders', 'submit-order', 'submit-order', 'submit-order']);
    } finally {
      await sharedRunner.close();
      await syncStore.close();
    }
  });

  it("a cancelled call rejects with the signal's reason, and the record says the run was cancelled", async () => {
    const job = defineJob({ name: 'hangs', inputs: { baseUrl: {} }, steps: [{ goto: '{{ inputs.baseUrl }}/hang', timeoutMs: 60_000 }] });
    const controller = new AbortController();
    void site.hung().then(() => controller.abort(new Error('user cancelled')));
    await expect(rpaAction(runner, job)({ baseUrl: site.origin }, { signal: controller.signal })).rejects.toThrow('user cancelled');
    const [run] = await store.list({ job: 'hangs' });
    expect((await store.get(run!.id))?.steps[0]?.error?.code).toBe('CG_RPA_ABORTED');
  });

  it('keeps the screenshot directory beside the database', () => {
    expect(existsSync(store.screenshotsDir)).toBe(true);
    expect(path.dirname(store.screenshotsDir)).toBe(dir);
  });
});
