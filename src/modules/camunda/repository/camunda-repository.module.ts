import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../../correlations/correlations.module';
import { ModelsModule } from '../../models/models.module';
import { CamundaDeploymentController } from './camunda-deployment.controller';
import { CamundaDeploymentService } from './camunda-deployment.service';
import { CamundaEngineController } from './camunda-engine.controller';
import { CamundaProcessDefinitionController } from './camunda-process-definition.controller';
import { CamundaProcessDefinitionService } from './camunda-process-definition.service';
import { CamundaProcessStartService } from './camunda-process-start.service';
import { DeploymentFormReader } from './deployment-form.reader';

/** Camunda 7 repository routes: deployments, process definitions, engine and version. */
@Module({
  controllers: [CamundaDeploymentController, CamundaEngineController, CamundaProcessDefinitionController],
  imports: [CorrelationsModule, ModelsModule],
  providers: [CamundaDeploymentService, CamundaProcessDefinitionService, CamundaProcessStartService, DeploymentFormReader],
})
export class CamundaRepositoryModule {}
