import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { CorrelationMetricsInterceptor } from './correlation-metrics.interceptor';
import { MetricsController } from './metrics.controller';

/**
 * What operators use next to /health: the Prometheus endpoint and the correlation counters that feed it.
 * The BullMQ dashboard is a Fastify plugin, mounted by the HTTP set-up (see queue-dashboard.ts).
 */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: CorrelationMetricsInterceptor }],
})
export class OperationsModule {}
