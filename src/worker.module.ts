import { DynamicModule, Module } from '@nestjs/common';

import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/configuration';
import { EngineHostModule } from './infrastructure/engine/engine-host.module';
import { ObservabilityModule } from './infrastructure/observability/observability.module';
import { PersistenceModule } from './infrastructure/persistence/persistence.module';
import { QueueModule } from './infrastructure/queue/queue.module';

/** The worker process: the same engine, persistence and continuation code as the API, no controllers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        EngineHostModule,
        ObservabilityModule.forRoot(config, 'worker'),
        PersistenceModule,
        QueueModule.forRoot(config, 'worker'),
      ],
    };
  }
}
