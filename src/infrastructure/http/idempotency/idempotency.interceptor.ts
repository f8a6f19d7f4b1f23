import { createHash } from 'node:crypto';

import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, catchError, from, mergeMap, of, tap, throwError } from 'rxjs';

import { ApiError, ErrorCode } from '../../../common/errors/api-error';
import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { currentPrincipal } from '../../auth/request-context';
import { renderException } from '../api-exception.filter';
import { IDEMPOTENT, IdempotentOptions } from './idempotent.decorator';
import { IdempotencyStore } from './idempotency.store';

const WAIT_STEP_MS = 25;
const MAX_KEY_LENGTH = 255;
const REPLAYED = 'idempotent-replayed';

/**
 * Applies @Idempotent routes' contract. Concurrent duplicates (in any API process) wait for the first
 * request's answer and get it replayed; client errors are replayed too, server errors free the key so a
 * retry can succeed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.store.deleteExpired(Date.now()).catch(() => undefined), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (options.exemptQuery && (request.query as Record<string, unknown> | undefined)?.[options.exemptQuery] === 'true') return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const body = request.body as Record<string, unknown> | undefined;
    const header = request.headers['idempotency-key'];
    const raw = typeof header === 'string' ? header : options.bodyField ? body?.[options.bodyField] : undefined;
    if (raw === undefined || raw === null || raw === '') return next.handle();
    if (typeof raw !== 'string' || raw.length > MAX_KEY_LENGTH) {
      return throwError(() => new ApiError(ErrorCode.VALIDATION_ERROR, `The idempotency key must be a string of at most ${MAX_KEY_LENGTH} characters`));
    }
    const key = `${callerPrefix()}${request.method} ${request.routeOptions.url ?? request.url} ${raw}`;
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${canonical(body)}`).digest('hex');
    return from(this.claim(key, hash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          for (const [name, value] of Object.entries(claim.answer.headers)) void reply.header(name, value);
          void reply.status(claim.answer.status).header(REPLAYED, 'true');
          return of(claim.answer.body);
        }
        return next.handle().pipe(
          // The status is set before the handler runs (its @HttpCode or the method default) or by the handler itself.
          tap((result) => void this.store.complete(key, { status: reply.statusCode, body: result, headers: {} }).catch(() => undefined)),
          catchError((error: unknown) => {
            const rendered = renderException(error, request);
            const settle = rendered.status < 500 ? this.store.complete(key, { status: rendered.status, body: rendered.body, headers: rendered.headers ?? {} }) : this.store.release(key);
            return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => error)));
          }),
        );
      }),
    );
  }

  /** Reserves the key, or waits for the request that holds it to finish and returns its answer. */
  private async claim(key: string, hash: string): Promise<{ kind: 'reserved' } | { kind: 'replay'; answer: { status: number; body: unknown; headers: Record<string, string> } }> {
    const { retentionMs, pendingTakeOverMs } = this.config.idempotency;
    const deadline = Date.now() + pendingTakeOverMs + 5_000;
    for (;;) {
      const reservation = await this.store.reserve(key, hash, Date.now(), retentionMs, pendingTakeOverMs);
      if (reservation.kind === 'mismatch') {
        throw new ApiError(ErrorCode.IDEMPOTENCY_MISMATCH, 'This Idempotency-Key was already used with a different request');
      }
      if (reservation.kind !== 'pending') return reservation;
      if (Date.now() > deadline) throw new ApiError(ErrorCode.CONFLICT, 'A request with this Idempotency-Key is still being processed; retry later');
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  }
}

/**
 * Keys are chosen by clients, so with authentication on they are kept per caller (subject and visible
 * tenants): another caller's request under the same key is processed on its own, never answered with the
 * first caller's response. Without authentication every caller is the same and keys are shared.
 */
function callerPrefix(): string {
  const principal = currentPrincipal();
  if (principal.scopes === null) return '';
  const caller = JSON.stringify([principal.subject, principal.tenants]);
  return `${createHash('sha256').update(caller).digest('hex').slice(0, 16)} `;
}

/** JSON with sorted keys, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
