import { Injectable, OnModuleInit } from '@nestjs/common';

import { BullmqContinuationDriver } from '../queue/bullmq/bullmq.driver';
import { QueueName } from '../queue/bullmq/queues';
import { EngineMetrics, QueueCounts } from './engine-metrics';

/** A scrape must answer even when Redis does not: the gauges are then left out rather than stale. */
const READ_TIMEOUT_MS = 2_000;

/** Feeds the queue gauges from BullMQ's job counts, read at scrape time (processes that use BullMQ only). */
@Injectable()
export class QueueMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: EngineMetrics,
    private readonly driver: BullmqContinuationDriver,
  ) {}

  onModuleInit(): void {
    this.metrics.useQueueCounts(() => this.read());
  }

  private async read(): Promise<Record<string, QueueCounts>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('queue counts timed out')), READ_TIMEOUT_MS);
    });
    try {
      const counts = await Promise.race([this.driver.queue.getJobCounts('waiting', 'active', 'delayed'), timeout]);
      return { [QueueName.CONTINUATION]: { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0 } };
    } catch {
      return {};
    } finally {
      clearTimeout(timer);
    }
  }
}
