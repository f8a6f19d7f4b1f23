import { Module } from '@nestjs/common';

import { HistoricActivityInstanceController } from './historic-activity-instance.controller';
import { HistoricActivityInstanceService } from './historic-activity-instance.service';
import { HistoricProcessInstanceController } from './historic-process-instance.controller';
import { HistoricProcessInstanceService } from './historic-process-instance.service';

/** Camunda 7 history routes: historic process instances and activity instances, read from the engine's history. */
@Module({
  controllers: [HistoricActivityInstanceController, HistoricProcessInstanceController],
  providers: [HistoricActivityInstanceService, HistoricProcessInstanceService],
})
export class CamundaHistoryModule {}
