import { Module } from '@nestjs/common';

import { CamundaExternalTaskModule } from './external-task/camunda-external-task.module';
import { CamundaHistoryModule } from './history/camunda-history.module';
import { CamundaMessageModule } from './message/camunda-message.module';
import { CamundaRepositoryModule } from './repository/camunda-repository.module';
import { CamundaRuntimeModule } from './runtime/camunda-runtime.module';

/** The Camunda 7 compatible REST API under /engine-rest. */
@Module({
  imports: [CamundaExternalTaskModule, CamundaHistoryModule, CamundaMessageModule, CamundaRepositoryModule, CamundaRuntimeModule],
})
export class CamundaModule {}
