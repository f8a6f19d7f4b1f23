import IORedis, { RedisOptions } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers and event listeners block on Redis, so BullMQ needs
 * `maxRetriesPerRequest: null`; commands then wait for a lost connection to come back instead of failing.
 */
export function redisConnection(url: string, name: string, overrides: RedisOptions = {}): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false, ...overrides });
}
