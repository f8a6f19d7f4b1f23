import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { setMaxVariableBytes } from '../../common/variables/variable-size';
import { AppConfig } from '../../config/configuration';
import { REQUEST_ID_HEADER } from '../observability/logging';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiValidationPipe } from './api-validation.pipe';
import { CamundaMediaTypeGuard } from './camunda-media-type.guard';
import { answerWrongMethodsAsCamunda } from './camunda-method-not-allowed';
import { installAuth } from '../auth/auth-hooks';
import { refuseUnknownEngines } from './named-engine';
import { buildOpenApiDocument, setupSwaggerUi } from './openapi-document';

/**
 * Everything about how the HTTP layer reads requests and writes answers, shared by the server and tests:
 * JSON parsing (an empty body is `{}`, as in Camunda), multipart uploads, exact JSON content types,
 * Camunda's 405 and 415 answers, validation, the error filter, Swagger UI and the request id header.
 */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig, options: { swagger?: boolean } = {}): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  // Before any route is registered, so that every route is checked against the permission table.
  installAuth(fastify, config);
  answerWrongMethodsAsCamunda(fastify);
  setMaxVariableBytes(config.http.maxVariableBytes);
  await app.register(helmet as never, {
    // Swagger UI styles itself inline and shows data: images; everything else loads from this origin. Helmet's
    // upgrade-insecure-requests is left out: over plain HTTP from anywhere but localhost it made browsers fetch
    // the cockpit's and Swagger UI's assets over HTTPS, which the engine does not serve (TLS is a proxy's job).
    contentSecurityPolicy: {
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"], 'upgrade-insecure-requests': null },
    },
  });
  await app.register(multipart as never, { limits: { fileSize: config.http.bodyLimitBytes, files: 50, fields: 50 } });
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(new ApiError(ErrorCode.INVALID_JSON, `Malformed JSON: ${(error as Error).message}`), undefined);
    }
    if (depthOf(parsed, config.http.maxJsonDepth) > config.http.maxJsonDepth) {
      return done(new ApiError(ErrorCode.VALIDATION_ERROR, `The JSON body is nested deeper than ${config.http.maxJsonDepth} levels`), undefined);
    }
    done(null, parsed);
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
  app.useGlobalGuards(new CamundaMediaTypeGuard());
  app.useGlobalPipes(new ApiValidationPipe());
  if (options.swagger !== false) setupSwaggerUi(app, buildOpenApiDocument(app));
}

/** Nesting depth of a parsed JSON value, counting no further than the limit. */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value as Record<string, unknown>)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}
