import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';

import { AppConfig } from '../../config/configuration';
import { ProcessRole } from '../queue/queue.module';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept when it is a plain token, so one id follows a request across services. */
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Routes polled by probes, Prometheus and the dashboard: answering them is not worth a log line each. */
const QUIET_ROUTES = /^\/(health|metrics|queues)(\/|\?|$)/;

/**
 * The id of an HTTP request, taken from `X-Request-Id` or made up. Fastify calls this when a request
 * arrives and uses it as `request.id`; it is also put on the raw request, where pino-http takes it, so the
 * request log, the lines logged while handling it and the error filter all show the same id.
 */
export function assignRequestId(raw: IncomingMessage): string {
  const given = raw.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** Logging is off in tests (createApp with `logger: false`) and with LOG_LEVEL=silent. */
export function loggingEnabled(config: AppConfig): boolean {
  return config.logLevel !== 'silent';
}

/**
 * nestjs-pino settings: one JSON object per line on stdout, the level as a word, ISO time, the process
 * role, and for HTTP requests one line when they complete (not for probes and scrapes). Lines logged while
 * handling a request carry its `reqId`; engine lines about an instance carry `processInstanceId`.
 */
export function loggerParams(config: AppConfig, role: ProcessRole): Params {
  return {
    // Nest 11 path syntax for "every route" (the library's default '*' draws a deprecation warning).
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      base: { role, pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      quietReqLogger: true,
      // Fastify's middleware engine cuts the mount path off req.url; originalUrl is what was requested.
      autoLogging: { ignore: (req) => QUIET_ROUTES.test((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '') },
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? assignRequestId(req),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      // Headers stay out of the logs: they may carry credentials.
      serializers: {
        req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({ method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
