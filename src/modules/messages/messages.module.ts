import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../correlations/correlations.module';
import { CorrelateMessageCommand } from './commands/correlate-message.command';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** Message correlation: the one command behind both POST /messages and Camunda's POST /message. */
@Module({
  controllers: [MessagesController],
  exports: [CorrelateMessageCommand],
  imports: [CorrelationsModule],
  providers: [CorrelateMessageCommand, MessagesService],
})
export class MessagesModule {}
