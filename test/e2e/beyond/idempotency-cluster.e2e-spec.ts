import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Cluster } from '../../integration/helpers/cluster';
import { eventually } from '../helpers/test-server';
import { unique } from './beyond-kit';

const DUPLICATES = 20;
const REPLAYED = 'idempotent-replayed';
const TITLE = `Idempotency-Key: ${DUPLICATES} concurrent duplicates across two API processes on PostgreSQL`;

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly replayed: boolean;
  readonly api: number;
}

async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; body: any; replayed: boolean }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').startsWith('application/json') && text ? JSON.parse(text) : text;
  return { status: response.status, text, body: json, replayed: response.headers.get(REPLAYED) === 'true' };
}

/**
 * Issue 7, "What it must show": idempotency under concurrent duplicates across API processes. Two API
 * processes and a worker on one PostgreSQL schema; each burst sends the same request with the same key
 * 20 times at once, alternating between the APIs. Needs DATABASE_URL and REDIS_URL (the PostgreSQL pass).
 */
(Cluster.configured() ? describe : describe.skip)(Cluster.configured() ? TITLE : `${TITLE} (skipped: needs DATABASE_URL and REDIS_URL)`, () => {
  let cluster: Cluster;

  /** Sends the same request DUPLICATES times at once, half to each API. */
  async function burst(method: string, path: string, body: unknown, key: string): Promise<Answer[]> {
    return Promise.all(
      Array.from({ length: DUPLICATES }, async (_, i) => {
        const api = i % cluster.urls.length;
        const answer = await call(cluster.urls[api], method, path, body, { 'Idempotency-Key': key });
        return { status: answer.status, text: answer.text, replayed: answer.replayed, api };
      }),
    );
  }

  /** Identical answers everywhere; exactly one of them did the work, the others were replayed. */
  function expectOneEffectAnswer(answers: Answer[], status: number): void {
    expect(new Set(answers.map((a) => `${a.status} ${a.text}`))).toEqual(new Set([`${status} ${answers[0].text}`]));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.api)).size).toBe(2);
  }

  async function tasks(processInstanceId: string, elementId: string): Promise<any[]> {
    return (await call(cluster.urls[0], 'GET', `/tasks?processInstanceId=${processInstanceId}&elementId=${elementId}`)).body.items;
  }

  beforeAll(async () => {
    cluster = await Cluster.start('beyond_idem', { apis: 2, workers: 1, env: { OUTBOX_SWEEP_INTERVAL_MS: '1000' } });
    const xml = readFileSync(join(__dirname, '../../fixtures/bpmn/order-process.bpmn'), 'utf8');
    expect((await call(cluster.urls[0], 'POST', '/process_models', { xml, name: 'order-process' })).status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('starts one instance for 20 duplicate starts, with 20 identical 201 answers', async () => {
    const businessKey = unique('cluster-start');
    const answers = await burst('POST', '/process_models/order-process/start', { businessKey }, unique('start'));
    expectOneEffectAnswer(answers, 201);
    const rows = await cluster.sql('SELECT id FROM process_instance WHERE business_key = $1', [businessKey]);
    expect(rows.map((r) => r.id)).toEqual([JSON.parse(answers[0].text).processInstanceId]);
  });

  it('correlates a message once for 20 duplicates on POST /messages and on POST /engine-rest/message', async () => {
    const businessKey = unique('cluster-message');
    const started = await call(cluster.urls[0], 'POST', '/process_models/order-process/start', { businessKey });
    const pid = started.body.processInstanceId as string;
    await eventually(async () => expect(await tasks(pid, 'ReviewOrder')).toHaveLength(1), 20_000);

    // The event subprocess is non-interrupting: every correlation that happened would open one more task.
    const native = await burst('POST', '/messages', { messageName: 'InformationRequested', businessKey, payload: { from: 'native' } }, unique('native'));
    expectOneEffectAnswer(native, 200);
    expect(JSON.parse(native[0].text).correlated).toEqual([expect.objectContaining({ processInstanceId: pid, eventKey: 'InformationRequested' })]);
    const camunda = await burst('POST', '/engine-rest/message', { messageName: 'InformationRequested', businessKey, resultEnabled: true }, unique('camunda'));
    expectOneEffectAnswer(camunda, 200);

    await eventually(async () => expect(await tasks(pid, 'AnswerRequest')).toHaveLength(2), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await tasks(pid, 'AnswerRequest')).toHaveLength(2);
  });

  it('completes a task once for 20 duplicates, with 20 identical 204 answers', async () => {
    const businessKey = unique('cluster-task');
    const started = await call(cluster.urls[0], 'POST', '/process_models/order-process/start', { businessKey, payload: { n: 0 } });
    const pid = started.body.processInstanceId as string;
    const [review] = await eventually(async () => {
      const open = await tasks(pid, 'ReviewOrder');
      expect(open).toHaveLength(1);
      return open;
    }, 20_000);
    const answers = await burst('POST', `/tasks/${review.id}/complete`, { payload: { reviewed: true } }, unique('complete'));
    expectOneEffectAnswer(answers, 204);
    expect(answers[0].text).toBe('');
    await eventually(async () => {
      const detail = await call(cluster.urls[1], 'GET', `/process_instances/${pid}`);
      expect(detail.body.activeElements).toEqual([{ elementId: 'PaymentReceived', count: 1 }]);
    }, 20_000);
  });

  it('answers 422 to every duplicate that carries another body under a key in use', async () => {
    const key = unique('mismatch');
    const businessKey = unique('cluster-mismatch');
    const first = await call(cluster.urls[0], 'POST', '/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const others = await burst('POST', '/process_models/order-process/start', { businessKey: unique('other') }, key);
    expect(others.map((a) => a.status)).toEqual(others.map(() => 422));
    expect(JSON.parse(others[0].text)).toEqual({ type: 'IdempotencyError', message: expect.any(String), code: 'IDEMPOTENCY_MISMATCH' });
    expect(await cluster.sql('SELECT id FROM process_instance WHERE business_key = $1', [businessKey])).toHaveLength(1);
  });
});
