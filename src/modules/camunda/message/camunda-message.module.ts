import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../../correlations/correlations.module';
import { MessagesModule } from '../../messages/messages.module';
import { CamundaMessageController } from './camunda-message.controller';
import { CamundaMessageService } from './camunda-message.service';

@Module({
  controllers: [CamundaMessageController],
  imports: [CorrelationsModule, MessagesModule],
  providers: [CamundaMessageService],
})
export class CamundaMessageModule {}
