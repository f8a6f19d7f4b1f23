import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { dataSourceOptions, ensureSchema, migratePostgres } from './data-source';
import { Database } from './database';
import { BufferedMessageRepository } from './repositories/buffered-message.repository';
import { DefinitionRepository } from './repositories/definition.repository';
import { ExternalTaskSignal } from './repositories/external-task-signal';
import { HistoryWriter } from './repositories/history-writer';
import { InstanceStore } from './repositories/instance-store';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { TaskVariableRepository } from './repositories/task-variable.repository';
import { InstanceEventBus } from '../events/instance-event-bus';

/** The schema and the repositories over it, shared by the models, correlations, messages and events modules. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        await ensureSchema(config.database);
        await migratePostgres(config.database);
        return dataSourceOptions(config.database);
      },
    }),
  ],
  providers: [BufferedMessageRepository, Database, DefinitionRepository, ExternalTaskSignal, HistoryWriter, InstanceEventBus, InstanceStore, SqliteCheckpointer, TaskVariableRepository],
  exports: [BufferedMessageRepository, Database, DefinitionRepository, ExternalTaskSignal, HistoryWriter, InstanceEventBus, InstanceStore, TaskVariableRepository],
})
export class PersistenceModule {}
