import { CanActivate, ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { FastifyRequest } from 'fastify';

import { CAMUNDA_PREFIX } from './api-exception.filter';
import { unsupportedMediaType } from './jax-rs-errors';

/** JAX-RS's MediaType#isCompatible with application/json: type and subtype, case-insensitive, parameters ignored. */
const JSON_MEDIA_TYPE = /^\s*application\/json\s*(;.*)?$/i;

/**
 * Camunda's JSON resources declare @Consumes(application/json): Jersey refuses a request whose Content-Type is
 * anything else with 415 NotSupportedException before the resource runs, whatever the body holds. Here a
 * Camunda route consumes JSON when it reads a @Body(); routes that read none (the JS worker's unlock sends
 * no body and no content type) accept any, multipart routes check their own type, and a request without a
 * Content-Type is matched as JAX-RS matches it (no media type is compatible with every @Consumes). Native
 * routes keep their own handling.
 */
export class CamundaMediaTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith(`${CAMUNDA_PREFIX}/`)) return true;
    const contentType = request.headers['content-type'];
    if (contentType === undefined || JSON_MEDIA_TYPE.test(contentType) || !readsBody(context)) return true;
    throw unsupportedMediaType();
  }
}

function readsBody(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}
