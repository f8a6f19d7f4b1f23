import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { ApiError, CamundaError, ErrorCode, describeCode } from '../../common/errors/api-error';
import { EngineError, EngineErrorCode } from '../../engine';
import { METHOD_NOT_ALLOWED, NOT_FOUND, UNSUPPORTED_MEDIA_TYPE } from './jax-rs-errors';

export const CAMUNDA_PREFIX = '/engine-rest';

/**
 * Turns every error into the body its API face promises: `{ type, message, code }` with a string code on
 * native routes, Camunda's ExceptionDto on /engine-rest routes. Unknown errors are logged and answered
 * with a generic 500, never with their internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, headers } = renderException(exception, request);
    for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
    void reply.status(status).header('content-type', 'application/json').send(body);
  }
}

/** The status, body and headers an exception is answered with, on the API face of the request's route. */
export function renderException(exception: unknown, request: Pick<FastifyRequest, 'url' | 'method' | 'id'>): Rendered {
  return new ExceptionRenderer().render(exception, request);
}

class ExceptionRenderer {
  private readonly logger = new Logger('HTTP');

  render(exception: unknown, request: Pick<FastifyRequest, 'url' | 'method' | 'id'>): Rendered {
    return request.url.startsWith(CAMUNDA_PREFIX) ? this.camundaBody(exception, request) : this.nativeBody(exception, request);
  }

  private nativeBody(exception: unknown, request: Pick<FastifyRequest, 'url' | 'method' | 'id'>): Rendered {
    if (exception instanceof ApiError) {
      const { status, type } = describeCode(exception.code);
      return { status, body: { type, message: exception.message, code: exception.code, ...(exception.details ?? {}) }, headers: headersOf(exception) };
    }
    if (exception instanceof CamundaError) {
      return { status: exception.status, body: { type: exception.type, message: exception.message, code: String(exception.code ?? 'CAMUNDA_ERROR') } };
    }
    const mapped = this.frameworkError(exception);
    if (mapped) {
      const { status, type } = describeCode(mapped.code);
      return { status, body: { type, message: mapped.message, code: mapped.code } };
    }
    this.logUnknown(exception, request);
    return { status: 500, body: { type: 'InternalServerError', message: 'An internal error occurred; it has been logged', code: ErrorCode.INTERNAL_ERROR } };
  }

  private camundaBody(exception: unknown, request: Pick<FastifyRequest, 'url' | 'method' | 'id'>): Rendered {
    // The router's own 404 (the engine's not-found answers are ApiErrors): a path no Camunda resource has.
    if (exception instanceof NotFoundException) return { status: NOT_FOUND.status, body: { type: NOT_FOUND.type, message: NOT_FOUND.message, code: null } };
    if (exception instanceof CamundaError) {
      return { status: exception.status, body: { type: exception.type, message: exception.message, code: exception.code, ...(exception.extra ?? {}) } };
    }
    const apiError = exception instanceof ApiError ? { code: exception.code, message: exception.message } : this.frameworkError(exception);
    if (apiError) {
      const { status } = describeCode(apiError.code);
      // Jackson's parse and mapping errors reach Camunda clients as an InvalidRequestException with an empty message.
      if (apiError.code === ErrorCode.VALIDATION_ERROR || apiError.code === ErrorCode.INVALID_JSON) {
        return { status: 400, body: { type: 'InvalidRequestException', message: '', code: null } };
      }
      // A body type no parser reads, or a method the route lacks: what JAX-RS throws in Camunda.
      const jaxRs = apiError.code === ErrorCode.UNSUPPORTED_MEDIA_TYPE ? UNSUPPORTED_MEDIA_TYPE : apiError.code === ErrorCode.METHOD_NOT_ALLOWED ? METHOD_NOT_ALLOWED : null;
      if (jaxRs) return { status: jaxRs.status, body: { type: jaxRs.type, message: jaxRs.message, code: null } };
      const headers = exception instanceof ApiError ? headersOf(exception) : undefined;
      return { status, body: { type: camundaTypeFor(status), message: apiError.message, code: null }, headers };
    }
    this.logUnknown(exception, request);
    return { status: 500, body: { type: 'ProcessEngineException', message: 'An internal error occurred; it has been logged', code: 0 } };
  }

  /** Errors raised by the engine, Nest or Fastify themselves: unknown routes, body limits, media types. */
  private frameworkError(exception: unknown): { code: ErrorCode; message: string } | null {
    if (exception instanceof EngineError) return { code: ENGINE_CODES[exception.code], message: exception.message };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status];
      if (code) return { code, message: messageOf(exception) };
      if (status < 500) return { code: ErrorCode.VALIDATION_ERROR, message: messageOf(exception) };
      return null;
    }
    const fastify = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastify?.statusCode === 'number' && fastify.statusCode < 500) {
      const code = STATUS_CODES[fastify.statusCode] ?? ErrorCode.VALIDATION_ERROR;
      return { code, message: fastify.message ?? 'Bad request' };
    }
    return null;
  }

  private logUnknown(exception: unknown, request: Pick<FastifyRequest, 'url' | 'method' | 'id'>): void {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`${request.method} ${request.url} failed (request ${request.id}): ${error.message}`, error.stack);
  }
}

export interface Rendered {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const ENGINE_CODES: Record<EngineErrorCode, ErrorCode> = {
  [EngineErrorCode.INVALID_ARGUMENT]: ErrorCode.VALIDATION_ERROR,
  [EngineErrorCode.INVALID_VARIABLE]: ErrorCode.INVALID_VARIABLE,
  [EngineErrorCode.INVALID_MODEL]: ErrorCode.DEPLOYMENT_INVALID,
  [EngineErrorCode.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [EngineErrorCode.INVALID_STATE]: ErrorCode.CONFLICT,
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_ERROR,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
};

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}

function camundaTypeFor(status: number): string {
  if (status === 401) return 'AuthenticationException';
  if (status === 403) return 'AuthorizationException';
  if (status === 404) return 'NotFoundException';
  return 'InvalidRequestException';
}

function headersOf(error: ApiError): Record<string, string> | undefined {
  return error.code === ErrorCode.UNAUTHORIZED ? { 'www-authenticate': 'Bearer' } : undefined;
}
