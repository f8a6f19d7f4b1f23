import { Module } from '@nestjs/common';

import { HistoryController } from './history.controller';
import { HistoryRetentionSweeper } from './history-retention.sweeper';
import { HistoryService } from './history.service';
import { InstanceStreamController } from './instance-stream.controller';
import { InstanceStreamService } from './instance-stream.service';

/** What instances did (history routes, retention) and what they do now (live event streams). */
@Module({
  controllers: [HistoryController, InstanceStreamController],
  exports: [HistoryService],
  providers: [HistoryRetentionSweeper, HistoryService, InstanceStreamService],
})
export class HistoryModule {}
