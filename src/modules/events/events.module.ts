import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../correlations/correlations.module';
import { ModelsModule } from '../models/models.module';
import { TriggerEventCommand } from './commands/trigger-event.command';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Waiting events of a correlation, and triggering one directly (the seed's trigger route). */
@Module({
  controllers: [EventsController],
  imports: [CorrelationsModule, ModelsModule],
  providers: [EventsService, TriggerEventCommand],
})
export class EventsModule {}
