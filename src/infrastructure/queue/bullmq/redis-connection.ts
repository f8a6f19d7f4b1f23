import { Logger } from '@nestjs/common';
import IORedis, { RedisOptions } from 'ioredis';

const logger = new Logger('Redis');

/**
 * A Redis connection for BullMQ. Workers and event listeners block on Redis, so BullMQ needs
 * `maxRetriesPerRequest: null`; commands then wait for a lost connection to come back instead of failing.
 */
export function redisConnection(url: string, name: string, overrides: RedisOptions = {}): IORedis {
  const connection = new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false, ...overrides });
  // Without a listener ioredis prints every failed reconnect to stderr, outside the JSON logs (BullMQ only
  // listens on the connections it uses, and duplicates some of ours). One line when it fails, one when it is back.
  let failing = false;
  connection.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    logger.warn({ msg: `Redis connection '${name}' failed: ${error.message}`, connection: name });
  });
  connection.on('ready', () => {
    if (!failing) return;
    failing = false;
    logger.log({ msg: `Redis connection '${name}' is back`, connection: name });
  });
  return connection;
}
