import { Module } from '@nestjs/common';

import { CamundaExternalTaskController } from './camunda-external-task.controller';
import { CompleteExternalTaskCommand } from './commands/complete-external-task.command';
import { FetchAndLockCommand } from './commands/fetch-and-lock.command';
import { UpdateExternalTaskCommand } from './commands/update-external-task.command';
import { ExtensionPropertiesReader } from './extension-properties';
import { ExternalTaskService } from './external-task.service';
import { FetchAndLockHandler } from './fetch-and-lock.handler';

/** Camunda 7's external task API: fetch and lock (with long polling), complete, failure, BPMN error, locks, queries. */
@Module({
  controllers: [CamundaExternalTaskController],
  providers: [
    CompleteExternalTaskCommand,
    ExtensionPropertiesReader,
    ExternalTaskService,
    FetchAndLockCommand,
    FetchAndLockHandler,
    UpdateExternalTaskCommand,
  ],
})
export class CamundaExternalTaskModule {}
