import { Body, Controller, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { TUTORIAL_MESSAGE_EXAMPLES } from '../../common/dto/tutorial-message-examples';
import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { Idempotent } from '../../infrastructure/http/idempotency/idempotent.decorator';
import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { BufferedMessageResponseDto, CorrelateMessageDto, CorrelateMessageResponseDto } from './dto/correlate-message.dto';
import { ExplainResponseDto } from './dto/explain.dto';
import { MessagesService } from './messages.service';
import { parsePreferWait } from './prefer-wait';

@ApiTags('Messages')
@ApiExtraModels(CorrelateMessageResponseDto, ExplainResponseDto)
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Idempotent({ bodyField: 'messageId', exemptQuery: 'dryRun' })
  @Post()
  @ApiOperation({
    summary: 'Correlate a message',
    description:
      'Matches with Camunda 7 rules: waiting executions first, then message start events; exactly one target unless all=true. ' +
      'Answers 200 once the trigger has committed; the token moves on asynchronously unless `Prefer: wait=<seconds>` asks to wait for ' +
      'the next wait states (bounded). Nothing matching is a 400 MESSAGE_NOT_CORRELATED whose `explanation` lists the near misses and ' +
      'the criterion each one failed; several executions matching is MESSAGE_AMBIGUOUS. With `timeToLive` a message that matches ' +
      'nothing is kept instead (202) for a subscription that opens later. `?dryRun=true` correlates nothing and answers like /messages/explain.',
  })
  @ApiHeader({ name: 'prefer', required: false, description: 'wait=<seconds>: answer only after the continuation reached its next wait states (at most that long)' })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'Explain instead of correlating' })
  @ApiBody({ type: CorrelateMessageDto, examples: TUTORIAL_MESSAGE_EXAMPLES })
  @ApiOkResponse({
    description: 'Correlated (or, with dryRun, the explanation)',
    schema: { oneOf: [{ $ref: getSchemaPath(CorrelateMessageResponseDto) }, { $ref: getSchemaPath(ExplainResponseDto) }] },
  })
  @ApiAcceptedResponse({ type: BufferedMessageResponseDto, description: 'Nothing matched; the message was kept for its time to live' })
  @ApiErrors({ status: 409, description: 'The message would start an instance for a business key that already has a running one (oneInstancePerBusinessKey)' })
  async correlateMessage(
    @Body() body: CorrelateMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('prefer') prefer?: string,
    @Query('dryRun') dryRun?: string,
  ): Promise<CorrelateMessageResponseDto | BufferedMessageResponseDto | ExplainResponseDto> {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw new ApiError(ErrorCode.VALIDATION_ERROR, `Query parameter 'dryRun' must be true or false, not '${dryRun}'`);
    }
    if (dryRun === 'true') {
      // An explanation is an answer, not a creation: 200 like POST /messages/explain (Nest's POST default would be 201).
      void reply.status(200);
      return this.messages.explain(body);
    }
    const answer = await this.messages.correlateMessage(body, parsePreferWait(prefer));
    void reply.status(answer.status);
    return answer.body;
  }

  @Post('explain')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Explain what a message would correlate to, without correlating',
    description:
      'Lists the waiting events and start events the message would be delivered to, and for the events waiting for a message of the ' +
      'same name that do not match, each criterion that failed (business key, a correlation key value or type, a local key, tenant, ' +
      'process instance).',
  })
  @ApiOkResponse({ type: ExplainResponseDto })
  @ApiErrors()
  explainMessage(@Body() body: CorrelateMessageDto): Promise<ExplainResponseDto> {
    return this.messages.explain(body);
  }
}
