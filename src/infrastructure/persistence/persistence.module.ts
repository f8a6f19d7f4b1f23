import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { dataSourceOptions, ensureSchema } from './data-source';
import { Database } from './database';
import { DefinitionRepository } from './repositories/definition.repository';
import { ExternalTaskSignal } from './repositories/external-task-signal';
import { InstanceStore } from './repositories/instance-store';

/** The schema and the repositories over it, shared by the models, correlations, messages and events modules. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        await ensureSchema(config.database);
        return dataSourceOptions(config.database);
      },
    }),
  ],
  providers: [Database, DefinitionRepository, ExternalTaskSignal, InstanceStore],
  exports: [Database, DefinitionRepository, ExternalTaskSignal, InstanceStore],
})
export class PersistenceModule {}
