import { Module } from '@nestjs/common';

import { InstanceReader } from '../../infrastructure/persistence/read/instance-reader';
import { CancelInstanceCommand } from './commands/cancel-instance.command';
import { StartInstanceCommand } from './commands/start-instance.command';
import { CorrelationsController, ProcessInstancesController } from './correlations.controller';
import { CorrelationsService } from './correlations.service';

/** Process instances and the correlations (business cases) they belong to. */
@Module({
  controllers: [CorrelationsController, ProcessInstancesController],
  exports: [CancelInstanceCommand, InstanceReader, StartInstanceCommand],
  providers: [CancelInstanceCommand, CorrelationsService, InstanceReader, StartInstanceCommand],
})
export class CorrelationsModule {}
