import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig } from '../../config/configuration';
import { ProcessRole } from '../queue/queue.module';
import { EngineMetrics } from './engine-metrics';
import { loggerParams, loggingEnabled } from './logging';
import { QueueMetricsCollector } from './queue-metrics.collector';
import { WorkerMetricsServer } from './worker-metrics.server';

/**
 * Structured logs and Prometheus metrics for an API or a worker process. Metrics are available everywhere
 * (`EngineMetrics`); logging is nestjs-pino unless it is switched off, and then not even loaded, so a
 * silenced engine (tests) pays nothing for it.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    const providers: Provider[] = [EngineMetrics];
    if (config.redisUrl) providers.push(QueueMetricsCollector);
    if (role === 'worker' && config.metricsPort !== undefined) providers.push(WorkerMetricsServer);
    return {
      module: ObservabilityModule,
      imports: loggingEnabled(config) ? [LoggerModule.forRoot(loggerParams(config, role))] : [],
      providers,
      exports: [EngineMetrics],
    };
  }
}
