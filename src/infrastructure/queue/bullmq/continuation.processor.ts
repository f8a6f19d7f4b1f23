import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { ContinuationRunner } from '../continuation-runner';
import { BullmqContinuationDriver } from './bullmq.driver';
import { ContinueJobData, ContinueJobResult, JobName, QueueName } from './queues';
import { redisConnection } from './redis-connection';

type Handler = (job: Job<ContinueJobData>) => Promise<ContinueJobResult>;

/**
 * The worker side of the continuation queue: each job runs one continuation through the same runner the
 * in-process driver uses. A continuation that must be retried is enqueued again with a delay (and its
 * outbox row keeps its back-off time, so the sweeper would find it too if that job were lost).
 */
@Injectable()
export class ContinuationProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ContinuationProcessor.name);
  private worker?: Worker<ContinueJobData, ContinueJobResult>;
  private connection?: IORedis;
  private readonly handlers: Record<JobName, Handler> = {
    [JobName.CONTINUE]: (job) => this.continue(job),
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: ContinuationRunner,
    private readonly driver: BullmqContinuationDriver,
  ) {
    for (const name of Object.values(JobName)) {
      if (!this.handlers[name]) throw new Error(`Job '${name}' has no handler`);
    }
  }

  onApplicationBootstrap(): void {
    this.connection = redisConnection(this.config.redisUrl!, 'continuation-worker');
    this.worker = new Worker<ContinueJobData, ContinueJobResult>(
      QueueName.CONTINUATION,
      (job) => {
        const handler = this.handlers[job.name as JobName];
        if (!handler) throw new Error(`No handler for job '${job.name}'`);
        return handler(job);
      },
      {
        connection: this.connection,
        prefix: this.config.queuePrefix,
        concurrency: this.config.continuation.workerConcurrency,
        // A job of a killed worker is handed to another after the lock expires and a stalled check runs.
        lockDuration: this.config.continuation.workerLockDurationMs,
        stalledInterval: this.config.continuation.workerStalledIntervalMs,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.error({ msg: `Continuation job ${job?.id} failed: ${error.message}`, jobId: job?.id, outboxId: job?.data.outboxId }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close().catch(() => undefined);
    this.connection?.disconnect();
  }

  private async continue(job: Job<ContinueJobData>): Promise<ContinueJobResult> {
    const outcome = await this.runner.run(job.data.outboxId);
    if (outcome.kind === 'retry') {
      await this.driver.enqueue(job.data.outboxId, { jobId: `${job.data.outboxId}:retry:${Date.now()}`, delay: outcome.delayMs });
    }
    return { processInstanceId: outcome.processInstanceId, outcome: outcome.kind };
  }
}
