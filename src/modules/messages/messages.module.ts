import { Module } from '@nestjs/common';

import { CorrelationsModule } from '../correlations/correlations.module';
import { BufferedMessageSignal } from './buffered-message.signal';
import { BufferedMessageSweeper } from './buffered-message.sweeper';
import { BufferedMessagesController } from './buffered-messages.controller';
import { BufferedMessagesService } from './buffered-messages.service';
import { CorrelateMessageCommand } from './commands/correlate-message.command';
import { ExplainService } from './explain.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/**
 * Message correlation: the one command behind both POST /messages and Camunda's POST /message, the
 * message buffer for messages that arrive before their wait state, and explanations of misses.
 */
@Module({
  controllers: [BufferedMessagesController, MessagesController],
  exports: [CorrelateMessageCommand, ExplainService],
  imports: [CorrelationsModule],
  providers: [
    BufferedMessageSignal,
    BufferedMessageSweeper,
    BufferedMessagesService,
    CorrelateMessageCommand,
    ExplainService,
    MessagesService,
  ],
})
export class MessagesModule {}
