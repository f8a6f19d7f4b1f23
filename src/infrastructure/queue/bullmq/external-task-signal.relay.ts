import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { ExternalTaskSignal } from '../../persistence/repositories/external-task-signal';
import { redisConnection } from './redis-connection';

/** The Redis pub/sub channel, under the queue prefix so that engines sharing a Redis do not wake each other. */
export function externalTaskChannel(queuePrefix: string): string {
  return `${queuePrefix}:external-task-available`;
}

/**
 * Carries ExternalTaskSignal between processes. With Redis, continuations (which create most external
 * tasks) run in worker processes, while long-polling fetch-and-lock requests wait in API processes: each
 * process publishes its own signals on a Redis channel and raises the ones other processes published
 * locally. A message names its origin, so a process never re-raises (or re-publishes) its own signals.
 * Losing a message only delays a parked request until its periodic retry.
 */
@Injectable()
export class ExternalTaskSignalRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExternalTaskSignalRelay.name);
  private readonly origin = randomUUID();
  private publisher?: IORedis;
  private subscriber?: IORedis;
  private unsubscribe?: () => void;
  private relaying = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signal: ExternalTaskSignal,
  ) {}

  onApplicationBootstrap(): void {
    const channel = externalTaskChannel(this.config.queuePrefix);
    this.publisher = redisConnection(this.config.redisUrl!, 'external-task-signal-pub');
    this.subscriber = redisConnection(this.config.redisUrl!, 'external-task-signal-sub');
    // Connection trouble is reported by the health check; ioredis reconnects by itself.
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', () => undefined);
    this.subscriber.on('message', (from: string, message: string) => {
      if (from !== channel || message === this.origin) return;
      this.relaying = true;
      try {
        this.signal.emit();
      } finally {
        this.relaying = false;
      }
    });
    // Not awaited: a Redis that is down must not hold start-up up; ioredis subscribes once it connects.
    this.subscriber.subscribe(channel).catch((error: unknown) => this.logger.warn(`Could not subscribe to ${channel}: ${String(error)}`));
    this.unsubscribe = this.signal.subscribe(() => {
      // While Redis is away, signals are dropped rather than queued: parked requests retry periodically anyway.
      if (this.relaying || this.publisher?.status !== 'ready') return;
      this.publisher.publish(channel, this.origin).catch((error: unknown) => this.logger.warn(`Could not relay an external task signal: ${String(error)}`));
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    // The connections were made here; nobody else closes them (quit could wait forever for a lost server).
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
