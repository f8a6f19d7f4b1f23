import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../correlations/correlations.module';
import { DeployResourcesCommand } from './commands/deploy-resources.command';
import { DeploymentUploadReader } from './deployment-upload.reader';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';

/** Deployment of BPMN models and their versions. */
@Module({
  controllers: [ModelsController],
  exports: [DeployResourcesCommand, ModelsService],
  imports: [CorrelationsModule],
  providers: [DeployResourcesCommand, DeploymentUploadReader, ModelsService],
})
export class ModelsModule {}
