import { Module } from '@nestjs/common';

import { InstanceReader } from '../../infrastructure/persistence/read/instance-reader';
import { CancelInstanceCommand } from './commands/cancel-instance.command';
import { RetryIncidentCommand } from './commands/retry-incident.command';
import { StartInstanceCommand } from './commands/start-instance.command';
import { CorrelationsController, ProcessInstancesController } from './correlations.controller';
import { CorrelationsService } from './correlations.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** Process instances, the correlations (business cases) they belong to, and their incidents. */
@Module({
  controllers: [CorrelationsController, IncidentsController, ProcessInstancesController],
  exports: [CancelInstanceCommand, InstanceReader, StartInstanceCommand],
  providers: [CancelInstanceCommand, RetryIncidentCommand, CorrelationsService, IncidentsService, InstanceReader, StartInstanceCommand],
})
export class CorrelationsModule {}
