import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { BullmqContinuationDriver } from '../../infrastructure/queue/bullmq/bullmq.driver';

export const QUEUES_PATH = '/queues';

/**
 * bull-board at /queues on the API's Fastify instance (only with REDIS_URL): the continuation queue's
 * waiting, active and delayed jobs. Read-only: the outbox, not Redis, is the record of pending work, and
 * retrying or removing jobs by hand would bypass the runner's back-off and incident rules.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const { queue } = app.get(BullmqContinuationDriver, { strict: false });
  const board = new FastifyAdapter();
  board.setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queue, { readOnlyMode: true })],
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'BPMN engine' } },
  });
  await app.register(board.registerPlugin() as never, { prefix: QUEUES_PATH });
}
