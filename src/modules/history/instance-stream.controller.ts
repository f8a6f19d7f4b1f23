import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { InstanceStreamService } from './instance-stream.service';

const STREAM_DESCRIPTION =
  'Server-Sent Events, one per step as it commits: element-activated / -completed / -terminated, sequence-flow-taken, ' +
  'subscription-opened / -consumed / -closed, variable-set / -deleted, task-created / -completed, incident-created, instance-ended. ' +
  'Each event\'s data is JSON with processInstanceId, correlationId, kind, at, elementId, elementInstanceId, elementType and detail.';

@ApiTags('History')
@Controller()
export class InstanceStreamController {
  constructor(private readonly streams: InstanceStreamService) {}

  @Get('process_instances/:id/stream')
  @ApiOperation({ summary: 'Follow a process instance live (Server-Sent Events)', description: STREAM_DESCRIPTION })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream', schema: { type: 'string' } })
  @ApiErrors(404)
  async streamProcessInstance(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.streams.open(request, reply, await this.streams.instanceFilter(id));
  }

  @Get('correlations/:correlation_id/stream')
  @ApiOperation({ summary: 'Follow every instance of a correlation live (Server-Sent Events)', description: STREAM_DESCRIPTION })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream', schema: { type: 'string' } })
  @ApiErrors(404)
  async streamCorrelation(@Param('correlation_id') correlationId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.streams.open(request, reply, await this.streams.correlationFilter(correlationId));
  }
}
