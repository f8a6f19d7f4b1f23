import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { ContinuationDriver } from '../continuation-driver';
import { ContinueJobData, JobName, QueueName } from './queues';
import { redisConnection } from './redis-connection';

/**
 * Hands continuations to BullMQ workers. The job id is the outbox row id, so a second enqueue of the same
 * row (after-commit dispatch and sweeper, or two sweepers) collapses into one job. Jobs are removed once
 * done: the outbox row, not Redis, is the record of pending work, which is why a Redis that lost its data
 * loses nothing (the sweeper enqueues the rows again).
 */
@Injectable()
export class BullmqContinuationDriver implements ContinuationDriver, OnApplicationShutdown {
  private readonly logger = new Logger(BullmqContinuationDriver.name);
  private readonly connection: IORedis;
  readonly queue: Queue<ContinueJobData>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = redisConnection(config.redisUrl!, 'continuation-producer', { maxRetriesPerRequest: 3 });
    this.queue = new Queue<ContinueJobData>(QueueName.CONTINUATION, { connection: this.connection, prefix: config.queuePrefix });
  }

  dispatch(outboxIds: readonly string[]): void {
    for (const outboxId of outboxIds) {
      void this.enqueue(outboxId).catch((error: unknown) =>
        this.logger.warn({ msg: `Could not enqueue continuation ${outboxId} (the sweeper will): ${String(error)}`, outboxId }),
      );
    }
  }

  /** Adds one job; `add` rather than `addBulk`, because only `add` deduplicates by job id. */
  enqueue(outboxId: string, options: JobsOptions = {}): Promise<unknown> {
    return this.queue.add(JobName.CONTINUE, { outboxId }, { jobId: outboxId, removeOnComplete: true, removeOnFail: true, ...options });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
