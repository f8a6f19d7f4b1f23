import { DynamicModule, Module } from '@nestjs/common';

import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/configuration';
import { EngineHostModule } from './infrastructure/engine/engine-host.module';
import { IdempotencyModule } from './infrastructure/http/idempotency/idempotency.module';
import { ObservabilityModule } from './infrastructure/observability/observability.module';
import { RateLimitModule } from './infrastructure/http/rate-limit.module';
import { PersistenceModule } from './infrastructure/persistence/persistence.module';
import { QueueModule } from './infrastructure/queue/queue.module';
import { CamundaModule } from './modules/camunda/camunda.module';
import { CockpitModule } from './modules/cockpit/cockpit.module';
import { CorrelationsModule } from './modules/correlations/correlations.module';
import { EventsModule } from './modules/events/events.module';
import { HealthModule } from './modules/health/health.module';
import { HistoryModule } from './modules/history/history.module';
import { MessagesModule } from './modules/messages/messages.module';
import { ModelsModule } from './modules/models/models.module';
import { OperationsModule } from './modules/operations/operations.module';
import { TasksModule } from './modules/tasks/tasks.module';

/** The HTTP application: both API faces over one engine. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CamundaModule,
        CockpitModule,
        ConfigModule.forRoot(config),
        CorrelationsModule,
        EngineHostModule,
        EventsModule,
        HealthModule,
        HistoryModule,
        IdempotencyModule,
        MessagesModule,
        ModelsModule,
        ObservabilityModule.forRoot(config, 'api'),
        OperationsModule,
        PersistenceModule,
        QueueModule.forRoot(config, 'api'),
        RateLimitModule.forRoot(config),
        TasksModule,
      ],
    };
  }
}
