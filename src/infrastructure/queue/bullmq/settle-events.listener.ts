import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import IORedis from 'ioredis';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { SettleNotifier } from '../settle-notifier';
import { ContinueJobResult, QueueName } from './queues';
import { redisConnection } from './redis-connection';

/**
 * In an API process, wakes requests waiting for a continuation as soon as a worker reports the job done,
 * instead of waiting for the next poll of the outbox.
 */
@Injectable()
export class SettleEventsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private events?: QueueEvents;
  private connection?: IORedis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settle: SettleNotifier,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = redisConnection(this.config.redisUrl!, 'continuation-events');
    this.events = new QueueEvents(QueueName.CONTINUATION, {
      connection: this.connection,
      prefix: this.config.queuePrefix,
    });
    this.events.on('completed', ({ returnvalue }) => {
      const result = (typeof returnvalue === 'string' ? safeParse(returnvalue) : returnvalue) as ContinueJobResult | undefined;
      if (result?.processInstanceId) this.settle.notify(result.processInstanceId);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for Redis; with Redis gone it would hold shutdown forever.
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
    await Promise.race([this.events?.close().catch(() => undefined), giveUp]);
    clearTimeout(timer);
    // BullMQ leaves connections it was given open.
    this.connection?.disconnect();
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
