import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoNestLogger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { AppConfig } from './config/configuration';
import { configureHttp } from './infrastructure/http/http-setup';
import { rewriteNamedEngineUrl } from './infrastructure/http/named-engine';
import { assignRequestId, loggingEnabled } from './infrastructure/observability/logging';
import { mountQueueDashboard } from './modules/operations/queue-dashboard';

/** Builds the HTTP application (not yet listening), the same way for the server, the OpenAPI generator and tests. */
export async function createApp(config: AppConfig, options: { logger?: boolean; swagger?: boolean } = {}): Promise<NestFastifyApplication> {
  // `logger: false` (tests, the OpenAPI generator) silences the engine entirely, JSON logs included.
  const effective: AppConfig = options.logger === false ? { ...config, logLevel: 'silent' } : config;
  const logging = loggingEnabled(effective);
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    routerOptions: { maxParamLength: 500 },
    rewriteUrl: (request: { url?: string }) => rewriteNamedEngineUrl(request.url ?? '/'),
    genReqId: assignRequestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(effective), adapter, {
    bufferLogs: logging,
    bodyParser: false,
    logger: logging ? ['error', 'warn', 'log'] : false,
  });
  if (logging) app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  await configureHttp(app, effective, { swagger: options.swagger });
  if (config.redisUrl) await mountQueueDashboard(app);
  return app;
}
