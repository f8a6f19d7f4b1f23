import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../../correlations/correlations.module';
import { TasksModule } from '../../tasks/tasks.module';
import { TriggerMessageSubscriptionCommand } from './commands/trigger-message-subscription.command';
import { UpdateVariablesCommand } from './commands/update-variables.command';
import { CamundaEventSubscriptionController } from './execution/camunda-event-subscription.controller';
import { CamundaEventSubscriptionService } from './execution/camunda-event-subscription.service';
import { CamundaExecutionController } from './execution/camunda-execution.controller';
import { CamundaExecutionService } from './execution/camunda-execution.service';
import { CamundaIncidentController } from './incident/camunda-incident.controller';
import { CamundaIncidentService } from './incident/camunda-incident.service';
import { CamundaProcessInstanceController } from './process-instance/camunda-process-instance.controller';
import { CamundaProcessInstanceService } from './process-instance/camunda-process-instance.service';
import { ExecutionLocator } from './queries/execution-locator';
import { CamundaTaskController } from './task/camunda-task.controller';
import { CamundaTaskService } from './task/camunda-task.service';
import {
  CamundaExecutionLocalVariablesController,
  CamundaProcessInstanceVariablesController,
  CamundaTaskLocalVariablesController,
  CamundaTaskVariablesController,
} from './variables/camunda-variables.controller';
import { CamundaVariablesService } from './variables/camunda-variables.service';
import { VariableOwnerReader } from './variables/variable-owner-reader';

/** Camunda 7 runtime routes: process instances, executions, event subscriptions, tasks, incidents, and their variables. */
@Module({
  controllers: [
    CamundaEventSubscriptionController,
    CamundaExecutionController,
    CamundaExecutionLocalVariablesController,
    CamundaIncidentController,
    CamundaProcessInstanceController,
    CamundaProcessInstanceVariablesController,
    CamundaTaskController,
    CamundaTaskLocalVariablesController,
    CamundaTaskVariablesController,
  ],
  imports: [CorrelationsModule, TasksModule],
  providers: [
    CamundaEventSubscriptionService,
    CamundaExecutionService,
    CamundaIncidentService,
    CamundaProcessInstanceService,
    CamundaTaskService,
    CamundaVariablesService,
    ExecutionLocator,
    TriggerMessageSubscriptionCommand,
    UpdateVariablesCommand,
    VariableOwnerReader,
  ],
})
export class CamundaRuntimeModule {}
