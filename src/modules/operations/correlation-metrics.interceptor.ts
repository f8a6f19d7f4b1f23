import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';

import { EngineMetrics } from '../../infrastructure/observability/engine-metrics';
import { correlatedInstanceIds, failedCorrelationOutcome, messageFace } from './correlation-outcome';

/**
 * Counts message correlations by API face and outcome, and logs each correlated instance. It watches the
 * two message routes from outside, so the correlation code of either face stays free of metrics.
 */
@Injectable()
export class CorrelationMetricsInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Correlation');

  constructor(private readonly metrics: EngineMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const face = messageFace(request.method, request.routeOptions?.url);
    if (!face) return next.handle();
    const messageName = (request.body as { messageName?: unknown } | undefined)?.messageName;
    return next.handle().pipe(
      tap({
        next: (body) => {
          this.metrics.messageCorrelated(face, 'correlated');
          for (const processInstanceId of correlatedInstanceIds(face, body)) {
            this.logger.debug({ msg: 'Message correlated', face, messageName, processInstanceId });
          }
        },
        error: (error: unknown) => {
          const outcome = failedCorrelationOutcome(error);
          if (outcome) this.metrics.messageCorrelated(face, outcome);
        },
      }),
    );
  }
}
