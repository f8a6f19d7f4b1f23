import { Cluster, PrivateRedis, sleep } from './helpers/cluster';
import { OrderOutcome, calibrate, deployFixture, driveOrder, expectEveryOrderEndedOnce, pool, settleAndReport, until } from './helpers/order-flow';

const ORDERS = Number(process.env.INT_FAULT_ORDERS ?? 300);
const IN_FLIGHT = 50;
const RUN_BUDGET_MS = 120_000;
/** A killed worker's active jobs come back through BullMQ's stalled-job check (lock 30 s, check every 30 s). */
const SETTLE_BUDGET_MS = 120_000;

/**
 * Faults in the middle of a run, in the 2 API + 2 worker set-up: a worker killed with SIGKILL (and a
 * replacement started), and a Redis that loses all its data (FLUSHALL). The outbox and its sweeper must
 * bring every order to its end, none twice.
 *
 * FLUSHALL runs against a redis-server of this suite's own (started on a free port), so it cannot wipe
 * the queues of suites running at the same time. Without a redis-server binary the suite falls back to
 * REDIS_URL and deletes only its own prefix's keys, which is what FLUSHALL does to this engine.
 */
(Cluster.configured() ? describe : describe.skip)('faults in the middle of a run (2 APIs, 2 workers, PostgreSQL + Redis)', () => {
  let redis: PrivateRedis | undefined;
  let cluster: Cluster;
  let revision: number;

  beforeAll(async () => {
    redis = PrivateRedis.available() ? await PrivateRedis.start() : undefined;
    cluster = await Cluster.start('faults', {
      apis: 2,
      workers: 2,
      redisUrl: redis?.url,
      // Quick recovery: rows pending for more than a second are handed out again.
      env: { OUTBOX_LEASE_MS: '1000', OUTBOX_SWEEP_INTERVAL_MS: '250', CONTINUATION_BACKOFF_MS: '100' },
    });
    expect((await deployFixture(cluster.urls[0], 'int-order-flow.bpmn')).status).toBe(201);
    revision = await calibrate(cluster, 'ftcal');
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
  }, 60_000);

  /** Drives the orders; `fault` runs once a third of them have been driven, while the rest are in flight. */
  async function runWith(tag: string, fault: () => Promise<void>): Promise<OrderOutcome[]> {
    let done = 0;
    let faulted: Promise<void> | undefined;
    let slowest = { index: -1, ms: 0 };
    const began = Date.now();
    const outcomes = await pool(
      ORDERS,
      IN_FLIGHT,
      async (i) => {
        const started = Date.now();
        const outcome = await driveOrder(cluster.urls, i, tag);
        const took = Date.now() - started;
        if (took > slowest.ms) slowest = { index: i, ms: took };
        if (++done === Math.floor(ORDERS / 3)) faulted = fault();
        return outcome;
      },
      began + RUN_BUDGET_MS,
    );
    await faulted;
    console.log(`${tag}: ${outcomes.length} orders driven in ${((Date.now() - began) / 1000).toFixed(1)} s; slowest order ${slowest.index}: ${slowest.ms} ms`);
    return outcomes;
  }

  /** Job counts once at least 3 jobs are waiting or running (looking for at most 5 s), so that a fault hits work in flight. */
  async function whenBusy(): Promise<Record<string, number>> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const jobs = await cluster.jobCounts();
      if (jobs.waiting + jobs.active + jobs.delayed >= 3 || Date.now() >= deadline) return jobs;
      await sleep(5);
    }
  }

  it('kill -9 of a worker in the middle of the run, then a replacement: every order ends, none twice', async () => {
    const victim = cluster.workers[0];
    const outcomes = await runWith('ftkill', async () => {
      // Strike while jobs run (with two workers, likely some on the victim).
      const busy = await whenBusy();
      await cluster.killWorker(victim);
      console.log(`killed worker ${victim.pid} (SIGKILL) with jobs ${JSON.stringify(busy)}`);
      await sleep(1000);
      // The surviving worker finishes a job in milliseconds: jobs active a second later are mostly the victim's.
      const orphaned = (await cluster.queue().getJobs(['active'])).length;
      const replacement = await cluster.startWorker();
      console.log(`started replacement worker ${replacement.pid}; jobs still active 1 s after the kill (the victim's, orphaned until BullMQ's stalled-job check): ${orphaned}`);
    });
    expect(outcomes).toHaveLength(ORDERS);
    const began = Date.now();
    const report = await settleAndReport(cluster, outcomes, 'ftkill', SETTLE_BUDGET_MS);
    console.log(`ftkill: settled ${((Date.now() - began) / 1000).toFixed(1)} s after the last order was driven`);
    expectEveryOrderEndedOnce(report, ORDERS, revision, () => cluster.output());
  }, 300_000);

  it('FLUSHALL on Redis in the middle of the run: every order ends, none twice', async () => {
    const outcomes = await runWith('ftflush', async () => {
      const jobs = await whenBusy();
      if (redis) {
        await cluster.redisClient().flushall();
        console.log(`FLUSHALL on the suite's redis-server with jobs ${JSON.stringify(jobs)}`);
      } else {
        const removed = await cluster.wipePrefix();
        console.log(`deleted the ${removed} keys of prefix ${cluster.prefix} (no redis-server binary for a private FLUSHALL) with jobs ${JSON.stringify(jobs)}`);
      }
    });
    expect(outcomes).toHaveLength(ORDERS);
    const began = Date.now();
    const report = await settleAndReport(cluster, outcomes, 'ftflush', SETTLE_BUDGET_MS);
    console.log(`ftflush: settled ${((Date.now() - began) / 1000).toFixed(1)} s after the last order was driven`);
    expectEveryOrderEndedOnce(report, ORDERS, revision, () => cluster.output());
    // The processes are still healthy: a new order goes through at once.
    const after = await driveOrder(cluster.urls, 0, 'ftafter');
    expect(after.problem).toBeUndefined();
    expect(await until(async () => ((await cluster.sql<{ state: string }>('SELECT state FROM process_instance WHERE id = $1', [after.processInstanceId]))[0]?.state === 'completed' ? true : undefined), 30_000)).toBe(true);
  }, 300_000);
});
