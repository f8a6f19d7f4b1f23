import { Cluster } from './helpers/cluster';
import { ORDER_MODEL, calibrate, deployFixture, driveOrder, expectEveryOrderEndedOnce, http, pool, settleAndReport } from './helpers/order-flow';

const ORDERS = Number(process.env.INT_ORDERS ?? 2000);
const IN_FLIGHT = 50;
const RUN_BUDGET_MS = 150_000;

/**
 * The deployment shape of docker-compose with replicas: 2 API processes and 2 worker processes on one
 * PostgreSQL schema and one Redis. Needs DATABASE_URL and REDIS_URL (the PostgreSQL pass of the suite).
 */
(Cluster.configured() ? describe : describe.skip)('2 API and 2 worker processes on PostgreSQL + Redis', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('mp', { apis: 2, workers: 2, env: { OUTBOX_LEASE_MS: '5000', OUTBOX_SWEEP_INTERVAL_MS: '1000' } });
    const deployed = await deployFixture(cluster.urls[0], 'int-order-flow.bpmn');
    expect(deployed.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it(`drives ${ORDERS} orders with racing duplicate confirmations: each ends exactly once, one winner per message, nothing left over`, async () => {
    const revision = await calibrate(cluster, 'mpcal');

    const began = Date.now();
    const outcomes = await pool(ORDERS, IN_FLIGHT, (i) => driveOrder(cluster.urls, i, 'mprun'), began + RUN_BUDGET_MS);
    const driven = Date.now() - began;
    expect(outcomes).toHaveLength(ORDERS);

    const report = await settleAndReport(cluster, outcomes, 'mprun', 60_000);
    const settled = Date.now() - began;
    console.log(
      `multi-process: ${ORDERS} orders (${ORDERS * 3} messages) in ${(driven / 1000).toFixed(1)} s ` +
        `(${((ORDERS * 3) / (driven / 1000)).toFixed(0)} messages/s, ${(ORDERS / (driven / 1000)).toFixed(0)} orders/s); ` +
        `all settled after ${(settled / 1000).toFixed(1)} s; winners per API: ${JSON.stringify(count(report.winners))}`,
    );
    expectEveryOrderEndedOnce(report, ORDERS, revision, () => cluster.output());

    // Both APIs agree, through their read routes, that nothing waits any more.
    for (const url of cluster.urls) {
      const running = await http('GET', `${url}/engine-rest/process-instance/count?processDefinitionKey=${ORDER_MODEL}`);
      expect(running.body).toEqual({ count: 0 });
      const subscriptions = await http('GET', `${url}/engine-rest/event-subscription/count?eventName=IntOrderConfirmed`);
      expect(subscriptions.body).toEqual({ count: 0 });
    }
    // The races were real: each API won some of them.
    expect(new Set(report.winners).size).toBe(2);
  }, 240_000);
});

function count(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
