import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { InstanceEvent, InstanceEventBus } from '../../events/instance-event-bus';
import { redisConnection } from './redis-connection';

/**
 * Carries committed instance steps between processes over Redis pub/sub: continuations run in workers,
 * while the clients following an instance (SSE, the cockpit) are connected to API processes. A process
 * ignores its own messages. Live streams are best effort: a message lost while Redis is away is not
 * replayed (the history routes have every step).
 */
@Injectable()
export class InstanceEventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InstanceEventRelay.name);
  private readonly origin = randomUUID();
  private publisher?: IORedis;
  private subscriber?: IORedis;
  private detach?: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: InstanceEventBus,
  ) {}

  onApplicationBootstrap(): void {
    const channel = `${this.config.queuePrefix}:instance-events`;
    this.publisher = redisConnection(this.config.redisUrl!, 'instance-events-pub');
    this.subscriber = redisConnection(this.config.redisUrl!, 'instance-events-sub');
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', () => undefined);
    this.subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      const { origin, events } = JSON.parse(message) as { origin: string; events: InstanceEvent[] };
      if (origin !== this.origin) this.bus.deliver(events);
    });
    this.subscriber.subscribe(channel).catch((error: unknown) => this.logger.warn(`Could not subscribe to ${channel}: ${String(error)}`));
    this.detach = this.bus.onPublish((events) => {
      if (this.publisher?.status !== 'ready') return;
      this.publisher.publish(channel, JSON.stringify({ origin: this.origin, events })).catch(() => undefined);
    });
  }

  onApplicationShutdown(): void {
    this.detach?.();
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
