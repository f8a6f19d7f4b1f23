import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { createApp } from './app.factory';
import { ConfigurationError, loadConfiguration } from './config/configuration';

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
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const logger = new Logger('Engine');
  const where = config.database.type === 'sqlite' ? `SQLite at ${config.database.path}` : 'PostgreSQL';
  const continuation = config.redisUrl ? 'BullMQ workers' : 'in-process continuation';
  logger.log(`Listening on ${base} (${where}, ${continuation})`);
  logger.log(`Swagger UI: ${base}/api-docs`);
  if (!config.auth.enabled) {
    logger.warn(`Authentication is OFF: this is the embedded default, bound to ${config.host} only. Set AUTH_JWT_SECRET or AUTH_JWKS_URL to require bearer tokens.`);
  } else {
    logger.log(`Authentication: bearer JWT (${config.auth.jwtSecret ? 'HS256 shared secret' : `JWKS ${config.auth.jwksUrl}`})`);
  }
  if (config.redisUrl) logger.log(`Queue dashboard: ${base}/queues`);
}

void bootstrap();
