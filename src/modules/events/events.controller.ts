import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { Idempotent } from '../../infrastructure/http/idempotency/idempotent.decorator';
import { WaitingEventDto } from '../correlations/dto/instance.dto';
import { AmbiguousEventDto, TriggerEventDto, TriggeredEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('Events')
@Controller('process_models/:process_model_key/correlations/:correlation_id/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'List the events waiting in a correlation (instances of one process model)' })
  @ApiOkResponse({ type: [WaitingEventDto] })
  @ApiErrors(404)
  listWaitingEvents(@Param('process_model_key') key: string, @Param('correlation_id') correlationId: string): Promise<WaitingEventDto[]> {
    return this.events.list(key, correlationId);
  }

  @Idempotent()
  @Post(':event_id/trigger')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trigger a waiting event',
    description:
      '`event_id` is a waiting event\'s `eventId` or its BPMN element id (`eventKey`); an element id naming several waiting events is a ' +
      '409 listing their eventIds, and one naming a message start event of the model starts a new instance in the correlation. ' +
      'Send `payload` (plain JSON) or `variables` (typed), not both. Triggers go through the same path as messages: an interrupting ' +
      'boundary event or event subprocess interrupts exactly as a message would. Answers once the trigger is committed; the token moves ' +
      'on asynchronously.',
  })
  @ApiOkResponse({ type: TriggeredEventDto })
  @ApiErrors(404, { status: 409, type: AmbiguousEventDto, description: 'Ambiguous eventKey (candidates listed), or the event was consumed by a concurrent trigger' })
  triggerWaitingEvent(
    @Param('process_model_key') key: string,
    @Param('correlation_id') correlationId: string,
    @Param('event_id') eventId: string,
    @Body() body: TriggerEventDto,
  ): Promise<TriggeredEventDto> {
    return this.events.trigger(key, correlationId, eventId, body);
  }
}
