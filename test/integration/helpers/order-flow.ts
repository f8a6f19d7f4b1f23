import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Cluster, sleep } from './cluster';

export interface Reply {
  readonly status: number;
  readonly body: any;
}

/** One HTTP exchange, bounded in time; network failures are reported as status 0 with the error text. */
export async function http(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Reply> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  } catch (error) {
    return { status: 0, body: { error: String(error) } };
  }
}

/** Polls until `check` returns a value (not undefined), at most `timeoutMs`; then returns what it last saw. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() >= deadline) return value;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Runs `count` tasks with at most `limit` in flight, like a pool of client connections. Tasks not begun by
 * the deadline are not begun; the result then holds fewer entries than `count`.
 */
export async function pool<T>(count: number, limit: number, task: (index: number) => Promise<T>, deadline: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count && Date.now() < deadline) {
        const index = next++;
        results.push(await task(index));
      }
    }),
  );
  return results;
}

export async function deployFixture(apiUrl: string, file: string): Promise<Reply> {
  const xml = readFileSync(join(__dirname, '../../fixtures/bpmn', file), 'utf8');
  return http('POST', `${apiUrl}/process_models`, { xml, name: file });
}

export const ORDER_MODEL = 'int-order-flow';
export const ORDER_PLACED = 'IntOrderPlaced';
export const ORDER_CONFIRMED = 'IntOrderConfirmed';

/** What happened to one order: its instance and the answers of the two racing confirmations. */
export interface OrderOutcome {
  readonly index: number;
  readonly businessKey: string;
  readonly processInstanceId?: string;
  readonly problem?: string;
  /** The two confirmations, labelled by the API they went to. */
  readonly confirmations: readonly { readonly sender: string; readonly status: number; readonly code?: string }[];
}

/**
 * Drives one order through message start → catch → message → end: the start message goes to one API
 * (`Prefer: wait` lets the continuation reach the catch event), then the confirmation is sent to both
 * APIs at once, each naming itself as sender in a variable. Exactly one of them may win.
 */
export async function driveOrder(apis: readonly string[], index: number, tag: string, settleTimeoutMs = 90_000): Promise<OrderOutcome> {
  const businessKey = `${tag}-${index}`;
  const home = index % apis.length;
  const other = (index + 1) % apis.length;
  const started = await http(
    'POST',
    `${apis[home]}/messages`,
    { messageName: ORDER_PLACED, businessKey, processVariables: { orderNo: { value: index, type: 'Integer' } } },
    { prefer: 'wait=10' },
  );
  const processInstanceId: string | undefined = started.body?.correlated?.[0]?.processInstanceId;
  if (started.status !== 200 || !processInstanceId) {
    return { index, businessKey, problem: `start answered ${started.status} ${JSON.stringify(started.body)}`, confirmations: [] };
  }
  // Usually already true when Prefer: wait returns; a continuation held up by a fault takes longer.
  const waiting = await until(async () => {
    const detail = await http('GET', `${apis[other]}/process_instances/${processInstanceId}`);
    const events: { eventKey: string }[] = detail.body?.waitingEvents ?? [];
    return events.some((e) => e.eventKey === 'OrderConfirmed') ? true : undefined;
  }, settleTimeoutMs, 250);
  if (!waiting) return { index, businessKey, processInstanceId, problem: 'never reached the catch event', confirmations: [] };
  const senders = index % 2 === 0 ? [home, other] : [other, home];
  const confirmations = await Promise.all(
    senders.map(async (api) => {
      const sender = `api-${api}`;
      const reply = await http('POST', `${apis[api]}/messages`, {
        messageName: ORDER_CONFIRMED,
        businessKey,
        processVariables: { confirmedBy: { value: sender, type: 'String' } },
      });
      return { sender, status: reply.status, code: reply.body?.code as string | undefined };
    }),
  );
  return { index, businessKey, processInstanceId, confirmations };
}

/** What the database and the queue say after a run; every field is checked by `expectEveryOrderEndedOnce`. */
export interface RunReport {
  readonly problems: readonly string[];
  readonly winners: readonly string[];
  readonly instanceStates: Record<string, number>;
  readonly revisions: Record<string, number>;
  readonly wrongConfirmedBy: readonly string[];
  readonly openSubscriptions: number;
  readonly outboxRows: number;
  readonly incidents: number;
  readonly jobs: Record<string, number>;
}

/**
 * Waits (bounded) until no instance of the run is running and no outbox row or job is left, then reads
 * what the run left behind.
 */
export async function settleAndReport(cluster: Cluster, outcomes: readonly OrderOutcome[], tag: string, timeoutMs: number): Promise<RunReport> {
  const like = `${tag}-%`;
  await until(async () => {
    const [row] = await cluster.sql<{ running: string; outbox: string }>(
      `SELECT (SELECT count(*) FROM process_instance WHERE business_key LIKE $1 AND state = 'running') AS running,
              (SELECT count(*) FROM continuation_outbox) AS outbox`,
      [like],
    );
    const jobs = await cluster.jobCounts();
    const busy = Object.values(jobs).reduce((a, b) => a + b, 0);
    return Number(row.running) === 0 && Number(row.outbox) === 0 && busy === 0 ? true : undefined;
  }, timeoutMs, 250);

  const problems = outcomes.filter((o) => o.problem).map((o) => `order ${o.index}: ${o.problem}`);
  const winners: string[] = [];
  for (const o of outcomes) {
    if (o.problem) continue;
    const statuses = o.confirmations.map((c) => `${c.status}${c.code ? ` ${c.code}` : ''}`).sort();
    if (statuses.join(',') !== '200,400 MESSAGE_NOT_CORRELATED') problems.push(`order ${o.index}: confirmations answered ${statuses.join(', ')}`);
    const won = o.confirmations.filter((c) => c.status === 200);
    if (won.length === 1) winners.push(won[0].sender);
  }
  const states = await cluster.sql<{ state: string; n: string }>('SELECT state, count(*) AS n FROM process_instance WHERE business_key LIKE $1 GROUP BY state', [like]);
  const revisions = await cluster.sql<{ revision: number; n: string }>(
    'SELECT revision, count(*) AS n FROM process_instance WHERE business_key LIKE $1 GROUP BY revision',
    [like],
  );
  const confirmedBy = await cluster.sql<{ id: string; text_value: string | null }>(
    `SELECT p.id, v.text_value FROM process_instance p LEFT JOIN variable v ON v.process_instance_id = p.id AND v.name = 'confirmedBy' AND v.scope_id = p.id
     WHERE p.business_key LIKE $1`,
    [like],
  );
  const stored = new Map(confirmedBy.map((r) => [r.id, r.text_value]));
  const wrongConfirmedBy: string[] = [];
  for (const o of outcomes) {
    const won = o.confirmations.find((c) => c.status === 200);
    if (!o.processInstanceId || !won) continue;
    if (stored.get(o.processInstanceId) !== won.sender) wrongConfirmedBy.push(`${o.processInstanceId}: ${stored.get(o.processInstanceId)} (winner ${won.sender})`);
  }
  const [subscriptions] = await cluster.sql<{ n: string }>(
    'SELECT count(*) AS n FROM event_subscription s JOIN process_instance p ON p.id = s.process_instance_id WHERE p.business_key LIKE $1',
    [like],
  );
  const [outbox] = await cluster.sql<{ n: string }>('SELECT count(*) AS n FROM continuation_outbox');
  const [incidents] = await cluster.sql<{ n: string }>('SELECT count(*) AS n FROM incident i JOIN process_instance p ON p.id = i.process_instance_id WHERE p.business_key LIKE $1', [like]);
  return {
    problems,
    winners,
    instanceStates: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
    revisions: Object.fromEntries(revisions.map((r) => [String(r.revision), Number(r.n)])),
    wrongConfirmedBy,
    openSubscriptions: Number(subscriptions.n),
    outboxRows: Number(outbox.n),
    incidents: Number(incidents.n),
    jobs: await cluster.jobCounts(),
  };
}

/**
 * Every order ended exactly once: all completed, one winner per confirmation, the winner's variable
 * stored, every instance at the revision a single undisturbed run reaches (a continuation run twice, or a
 * message consumed twice, would add revisions), nothing left in the outbox, the subscriptions or the queue.
 */
export function expectEveryOrderEndedOnce(report: RunReport, orders: number, expectedRevision: number, output: () => string): void {
  const zeroJobs = Object.fromEntries(Object.keys(report.jobs).map((k) => [k, 0]));
  const summary = {
    problems: report.problems.slice(0, 20),
    problemCount: report.problems.length,
    winners: report.winners.length,
    instanceStates: report.instanceStates,
    revisions: report.revisions,
    wrongConfirmedBy: report.wrongConfirmedBy.slice(0, 20),
    openSubscriptions: report.openSubscriptions,
    outboxRows: report.outboxRows,
    incidents: report.incidents,
    jobs: report.jobs,
  };
  const expected = {
    problems: [],
    problemCount: 0,
    winners: orders,
    instanceStates: { completed: orders },
    revisions: { [String(expectedRevision)]: orders },
    wrongConfirmedBy: [],
    openSubscriptions: 0,
    outboxRows: 0,
    incidents: 0,
    jobs: zeroJobs,
  };
  if (JSON.stringify(summary) !== JSON.stringify(expected)) console.log(`process output:\n${output()}`);
  expect(summary).toEqual(expected);
}

/** Drives one order alone, undisturbed, and returns the revision its instance ends at: the yardstick for "once". */
export async function calibrate(cluster: Cluster, tag: string): Promise<number> {
  const outcome = await driveOrder(cluster.urls, 0, tag);
  expect(outcome.problem).toBeUndefined();
  const ended = await until(async () => {
    const [row] = await cluster.sql<{ state: string; revision: number }>('SELECT state, revision FROM process_instance WHERE id = $1', [outcome.processInstanceId]);
    return row?.state === 'completed' ? Number(row.revision) : undefined;
  }, 30_000);
  expect(ended).toBeDefined();
  return ended!;
}
