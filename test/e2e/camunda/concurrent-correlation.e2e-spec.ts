import { TestServer, eventually } from '../helpers/test-server';

const INSTANCES = 200;

/** Runs the tasks with at most `limit` in flight, like a pool of client connections. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

describe('two messages racing for each of 200 waiting instances', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
    expect((await server.deployFixture('payment-wait.bpmn')).status).toBe(201);
  });
  afterAll(() => server.close());

  it('gives each instance exactly one winner; the loser gets the no-match 400 and every instance moves on once', async () => {
    const ids = await pool(
      Array.from({ length: INSTANCES }, (_, i) => async () => {
        const started = await server.post('/process_models/payment-wait/start', { variables: { orderNo: { value: i, type: 'Integer' } } });
        expect(started.status).toBe(201);
        return started.body.processInstanceId as string;
      }),
      20,
    );
    await eventually(async () => {
      const subscriptions = await server.get('/engine-rest/event-subscription/count?eventName=PaymentArrived');
      expect(subscriptions.body.count).toBe(INSTANCES);
    }, 30_000);

    const deliveries = Array.from({ length: INSTANCES * 2 }, (_, k) => async () => {
      const orderNo = k % INSTANCES;
      const response = await server.post('/engine-rest/message', {
        messageName: 'PaymentArrived',
        correlationKeys: { orderNo: { value: orderNo, type: 'Integer' } },
        processVariables: { paidBy: { value: `sender-${k < INSTANCES ? 'a' : 'b'}`, type: 'String' } },
      });
      return { orderNo, status: response.status, type: response.body?.type };
    });
    const outcomes = await pool(deliveries, 50);

    for (let orderNo = 0; orderNo < INSTANCES; orderNo++) {
      const mine = outcomes.filter((o) => o.orderNo === orderNo).map((o) => `${o.status}${o.type ? ` ${o.type}` : ''}`).sort();
      expect({ orderNo, statuses: mine }).toEqual({ orderNo, statuses: ['204', '400 RestException'] });
    }
    const tasks = await server.get(`/tasks?processModelKey=payment-wait&limit=1000`);
    expect(tasks.body.total).toBe(INSTANCES);
    expect(new Set(tasks.body.items.map((t: { processInstanceId: string }) => t.processInstanceId))).toEqual(new Set(ids));
    const left = await server.get('/engine-rest/event-subscription/count?eventName=PaymentArrived');
    expect(left.body.count).toBe(0);
  }, 120_000);
});
