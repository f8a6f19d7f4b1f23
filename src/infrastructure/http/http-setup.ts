import multipart from '@fastify/multipart';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { AppConfig } from '../../config/configuration';
import { REQUEST_ID_HEADER } from '../observability/logging';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiValidationPipe } from './api-validation.pipe';
import { refuseUnknownEngines } from './named-engine';
import { buildOpenApiDocument, setupSwaggerUi } from './openapi-document';

/**
 * Everything about how the HTTP layer reads requests and writes answers, shared by the server and tests:
 * JSON parsing (an empty body is `{}`, as in Camunda), multipart uploads, exact JSON content types,
 * validation, the error filter, Swagger UI and the request id header.
 */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig, options: { swagger?: boolean } = {}): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  await app.register(multipart as never, { limits: { fileSize: config.http.bodyLimitBytes, files: 50, fields: 50 } });
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new ApiError(ErrorCode.INVALID_JSON, `Malformed JSON: ${(error as Error).message}`), undefined);
    }
  });
  // Camunda's JS worker parses a body as JSON only when the content type is exactly application/json.
  fastify.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json')) reply.header('content-type', 'application/json');
    return payload;
  });

  // The id under which the request was logged, so a client can quote it when reporting a problem.
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });

  refuseUnknownEngines(fastify);
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(new ApiValidationPipe());
  if (options.swagger !== false) setupSwaggerUi(app, buildOpenApiDocument(app));
}
