import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { CorrelateMessageDto, CorrelateMessageResponseDto } from './dto/correlate-message.dto';
import { MessagesService } from './messages.service';
import { parsePreferWait } from './prefer-wait';

@ApiTags('Messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correlate a message',
    description:
      'Matches with Camunda 7 rules: waiting executions first, then message start events; exactly one target unless all=true. ' +
      'Answers once the trigger has committed; the token moves on asynchronously unless `Prefer: wait=<seconds>` asks to wait for ' +
      'the next wait states (bounded). 400 MESSAGE_NOT_CORRELATED when nothing matches, MESSAGE_AMBIGUOUS when several executions do.',
  })
  @ApiHeader({ name: 'Prefer', required: false, description: 'wait=<seconds>: answer only after the continuation reached its next wait states (at most that long)' })
  @ApiOkResponse({ type: CorrelateMessageResponseDto })
  @ApiErrors()
  correlateMessage(@Body() body: CorrelateMessageDto, @Headers('prefer') prefer?: string): Promise<CorrelateMessageResponseDto> {
    return this.messages.correlateMessage(body, parsePreferWait(prefer));
  }
}
