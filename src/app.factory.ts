import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppModule } from './app.module';
import { AppConfig } from './config/configuration';
import { configureHttp } from './infrastructure/http/http-setup';
import { rewriteNamedEngineUrl } from './infrastructure/http/named-engine';

/** Builds the HTTP application (not yet listening), the same way for the server, the OpenAPI generator and tests. */
export async function createApp(config: AppConfig, options: { logger?: boolean; swagger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    routerOptions: { maxParamLength: 500 },
    rewriteUrl: (request: { url?: string }) => rewriteNamedEngineUrl(request.url ?? '/'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: false,
    bodyParser: false,
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  await configureHttp(app, config, { swagger: options.swagger });
  return app;
}
