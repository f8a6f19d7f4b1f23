import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import IORedis from 'ioredis';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';

/** A probe has to answer within its own timeout even when Redis hangs. */
const PING_TIMEOUT_MS = 2_000;

/**
 * Up when Redis answers PING (checked only when REDIS_URL is set). It has its own connection without an
 * offline queue, so a ping while Redis is unreachable fails at once with the connection's last error
 * instead of waiting for a reconnect, as the BullMQ connections (rightly) do.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleInit, OnApplicationShutdown {
  private connection?: IORedis;
  private lastError?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {}

  get enabled(): boolean {
    return this.config.redisUrl !== undefined;
  }

  onModuleInit(): void {
    if (!this.config.redisUrl) return;
    this.connection = new IORedis(this.config.redisUrl, { connectionName: 'health', enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Errors surface as a failed check; without a listener ioredis would print every reconnect failure.
    this.connection.on('error', (error: Error) => (this.lastError = error.message || error.name));
    this.connection.on('ready', () => (this.lastError = undefined));
  }

  onApplicationShutdown(): void {
    this.connection?.disconnect();
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await this.withTimeout(this.ping());
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async ping(): Promise<void> {
    const redis = this.connection;
    if (!redis) throw new Error('REDIS_URL is not set');
    // Right after start-up the first connection may still be on its way: give it the probe's time.
    if (redis.status === 'connecting' || redis.status === 'connect') await this.ready(redis);
    if (redis.status !== 'ready') throw new Error(`not connected (${this.lastError ?? redis.status})`);
    await redis.ping();
  }

  private ready(redis: IORedis): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        redis.off('ready', done);
        redis.off('error', done);
        if (error) reject(error);
        else resolve();
      };
      redis.once('ready', done);
      redis.once('error', done);
    });
  }

  private async withTimeout(work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
