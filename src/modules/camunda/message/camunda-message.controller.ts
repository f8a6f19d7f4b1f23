import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { TUTORIAL_MESSAGE_EXAMPLES } from '../../../common/dto/tutorial-message-examples';
import { Idempotent } from '../../../infrastructure/http/idempotency/idempotent.decorator';
import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { CamundaErrorDto } from '../../../infrastructure/http/error-response.dto';
import { CamundaMessageService } from './camunda-message.service';
import { BufferedMessageAcceptedDto, CorrelationMessageDto, MessageCorrelationResultDto } from './correlation-message.dto';

@ApiTags('Camunda 7: Message')
@Controller('engine-rest/message')
export class CamundaMessageController {
  constructor(private readonly messages: CamundaMessageService) {}

  @Idempotent({ bodyField: 'messageId', errorBody: CamundaErrorDto })
  @Post()
  @ApiOperation({
    summary: 'Correlate a message (Camunda 7 POST /message)',
    description:
      'Wire-compatible with Camunda 7: waiting executions first, then message start events of the latest versions; exactly one target ' +
      'unless all=true. Answers after the continuation of what the message triggered has reached its next wait states (bounded by ' +
      'CONTINUATION_WAIT_TIMEOUT_MS, default 10 s). 204 without resultEnabled; with it, 200 and always an array. ' +
      'Executions: `execution.id` is the process instance or the embedded/event subprocess scope holding the subscription; unlike ' +
      'Camunda, concurrent branches and activities with boundary events do not get executions of their own. ' +
      'Unlike Camunda, a failure while the process continues (a condition that cannot be evaluated) does not roll the correlation back: ' +
      'the trigger stays committed, the continuation is retried (CONTINUATION_MAX_ATTEMPTS) and then becomes an incident on the instance ' +
      '(GET /engine-rest/incident), and this call answers with the state reached. Unknown query parameters are ignored as in Camunda ' +
      '(`dryRun` is honoured by POST /messages and POST /messages/explain only).',
  })
  @ApiBody({ type: CorrelationMessageDto, examples: TUTORIAL_MESSAGE_EXAMPLES })
  @ApiNoContentResponse({ description: 'Correlated; resultEnabled was false' })
  @ApiOkResponse({ type: [MessageCorrelationResultDto], description: 'Correlated; resultEnabled was true' })
  @ApiAcceptedResponse({ type: BufferedMessageAcceptedDto, description: 'Extension: nothing matched and the message (sent with timeToLive) was kept' })
  @CamundaErrors()
  async deliverMessage(
    @Body() body: CorrelationMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageCorrelationResultDto[] | BufferedMessageAcceptedDto | void> {
    const results = await this.messages.deliver(body);
    void reply.status(results === undefined ? 204 : Array.isArray(results) ? 200 : 202);
    return results;
  }
}
