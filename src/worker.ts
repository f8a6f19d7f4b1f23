import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';

import { ConfigurationError, loadConfiguration } from './config/configuration';
import { loggingEnabled } from './infrastructure/observability/logging';
import { WorkerModule } from './worker.module';

/** Entry point of a continuation worker (`npm run start:worker`): consumes the BullMQ queue, no HTTP. */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfiguration();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!config.redisUrl) {
    console.error('Invalid configuration: REDIS_URL must be set for a worker (without Redis the API process runs continuations itself)');
    process.exit(1);
  }
  const logging = loggingEnabled(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: logging,
    logger: logging ? ['error', 'warn', 'log'] : false,
  });
  if (logging) app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  new Logger('Worker').log(`Continuation worker started (concurrency ${config.continuation.workerConcurrency})`);
}

void bootstrap();
