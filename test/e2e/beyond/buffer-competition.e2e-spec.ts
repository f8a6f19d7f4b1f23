import { TestServer, eventually } from '../helpers/test-server';
import { expectJson } from '../native/native-api';
import { activeElements, buffered, expectBuffered, orderAtReview, pause, plainVariables, str, unique, waitUntilAt } from './beyond-kit';

const PAIRS = 5;
const RACES = Number(process.env.BEYOND_RACES ?? 30);

/**
 * Two wait states opening at the same time compete for one buffered message: exactly one takes it (the
 * DELETE of the buffered row decides), the other keeps waiting and can be reached by the next message.
 * The periodic re-offer is off (once an hour), so only the opening subscriptions deliver.
 */
describe('beyond Camunda: concurrent subscriptions competing for one buffered message', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ OUTBOX_SWEEP_INTERVAL_MS: '3600000' });
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
  });
  afterAll(() => server.close());

  it(`${PAIRS} pairs of instances open PaymentReceived at once; in each pair exactly one gets the message`, async () => {
    const pairs = await Promise.all(
      Array.from({ length: PAIRS }, async () => {
        const customer = unique('shared');
        const both = await Promise.all([0, 1].map(() => orderAtReview(server, { variables: { customer: str(customer) } })));
        const messageId = expectBuffered(
          await server.post('/messages', {
            messageName: 'PaymentReceived',
            correlationKeys: { customer: str(customer) },
            payload: { buffered: true },
            timeToLive: 'PT10M',
          }),
          600_000, Date.now() - 1_000,
        );
        return { customer, instances: both, messageId };
      }),
    );

    // Every review is completed at the same time, so the catch events open concurrently.
    const reviews = await Promise.all(
      pairs.flatMap((p) => p.instances).map(async (pid) => {
        const tasks = expectJson(await server.get(`/tasks?processInstanceId=${pid}&elementId=ReviewOrder`), 200);
        return tasks.items[0].id as string;
      }),
    );
    const completed = await Promise.all(reviews.map((id) => server.post(`/tasks/${id}/complete`, {})));
    expect(completed.map((c) => c.status)).toEqual(reviews.map(() => 204));

    for (const pair of pairs) {
      const positions = await eventually(async () => {
        const at = await Promise.all(pair.instances.map((pid) => activeElements(server, pid)));
        expect(at.flat().sort()).toEqual(['PaymentReceived', 'ShipOrder']);
        return at;
      });
      const winner = pair.instances[positions.findIndex((p) => p.includes('ShipOrder'))];
      const loser = pair.instances.find((pid) => pid !== winner)!;
      expect(await plainVariables(server, winner)).toMatchObject({ buffered: true });
      expect(await plainVariables(server, loser)).not.toHaveProperty('buffered');
      pair.instances = [winner, loser];
    }
    const left = (await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId);
    for (const pair of pairs) expect(left).not.toContain(pair.messageId);

    // The losers keep waiting (still so a moment later), and the next message for the key reaches them.
    await pause(300);
    for (const pair of pairs) {
      const [, loser] = pair.instances;
      expect(await activeElements(server, loser)).toEqual(['PaymentReceived']);
      const next = expectJson(
        await server.post('/messages', { messageName: 'PaymentReceived', correlationKeys: { customer: str(pair.customer) }, payload: { direct: true } }),
        200,
      );
      expect(next.correlated).toEqual([expect.objectContaining({ resultType: 'Execution', processInstanceId: loser, eventKey: 'PaymentReceived' })]);
      await waitUntilAt(server, loser, ['ShipOrder']);
    }
  });

  it('two buffered messages for two waiting instances are each taken once', async () => {
    const customer = unique('twice');
    const ids = await Promise.all([0, 1].map(() => orderAtReview(server, { variables: { customer: str(customer) } })));
    const messages: string[] = [];
    for (const n of [1, 2]) {
      messages.push(
        expectBuffered(
          await server.post('/messages', { messageName: 'PaymentReceived', correlationKeys: { customer: str(customer) }, payload: { n }, timeToLive: 60_000 }),
          60_000, Date.now() - 1_000,
        ),
      );
      await pause(5);
    }
    const reviews = await Promise.all(
      ids.map(async (pid) => expectJson(await server.get(`/tasks?processInstanceId=${pid}&elementId=ReviewOrder`), 200).items[0].id as string),
    );
    await Promise.all(reviews.map((id) => server.post(`/tasks/${id}/complete`, {})));
    for (const pid of ids) await waitUntilAt(server, pid, ['ShipOrder']);
    const delivered = await Promise.all(ids.map(async (pid) => (await plainVariables(server, pid)).n));
    expect(delivered.sort()).toEqual([1, 2]);
    const left = (await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId);
    expect(left.filter((id) => messages.includes(id))).toEqual([]);
  });

  it('a message buffered while its wait state opens in a concurrent transaction is delivered without waiting for a sweep', async () => {
    const customers = Array.from({ length: RACES }, () => unique('gap'));
    const ids = await Promise.all(customers.map((customer) => orderAtReview(server, { variables: { customer: str(customer) } })));
    const reviews = await Promise.all(
      ids.map(async (pid) => expectJson(await server.get(`/tasks?processInstanceId=${pid}&elementId=ReviewOrder`), 200).items[0].id as string),
    );
    // The review completion (which opens PaymentReceived) and the message race each other.
    const answers = await Promise.all(
      customers.flatMap((customer, i) => [
        server.post(`/tasks/${reviews[i]}/complete`, {}),
        server.post('/messages', { messageName: 'PaymentReceived', correlationKeys: { customer: str(customer) }, payload: { raced: true }, timeToLive: 'PT10M' }),
      ]),
    );
    expect(answers.every((a) => [200, 202, 204].includes(a.status))).toBe(true);
    // Re-offers run once an hour here: each message must reach its instance through the opening wait state or the
    // re-offer right after it was buffered.
    await eventually(async () => {
      const at = await Promise.all(ids.map((pid) => activeElements(server, pid)));
      expect(at).toEqual(ids.map(() => ['ShipOrder']));
    }, 5_000);
    const left = (await buffered(server, 'PaymentReceived')).items.filter((m) => customers.includes(m.correlationKeys.customer?.value));
    expect(left).toEqual([]);
  });
});
