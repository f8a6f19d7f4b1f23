import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { RetryIncidentCommand } from './commands/retry-incident.command';
import { IncidentListItemDto, IncidentPageDto, IncidentQueryDto, IncidentsService } from './incidents.service';

@ApiTags('Incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly retry: RetryIncidentCommand,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List incidents, oldest first',
    description: 'A continuation that kept failing after its retries (failedJob), or a run-time failure of an element (CONDITION_ERROR, …) that holds its token.',
  })
  @ApiOkResponse({ type: IncidentPageDto })
  @ApiErrors()
  listIncidents(@Query() query: IncidentQueryDto): Promise<IncidentPageDto> {
    return this.incidents.list(query);
  }

  @Get(':incident_id')
  @ApiOperation({ summary: 'Get an incident' })
  @ApiOkResponse({ type: IncidentListItemDto })
  @ApiErrors(404)
  getIncident(@Param('incident_id') id: string): Promise<IncidentListItemDto> {
    return this.incidents.get(id);
  }

  @Post(':incident_id/retry')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Resolve an incident by retrying',
    description:
      'The failed step runs again: an element\'s parked operation goes back on the agenda, a failed continuation is queued with fresh ' +
      'attempts, an external task out of retries gets one more. Answers once committed; the retry runs asynchronously.',
  })
  @ApiNoContentResponse({ description: 'Retry scheduled' })
  @ApiErrors(404, 409)
  retryIncident(@Param('incident_id') id: string): Promise<void> {
    return this.retry.execute(id);
  }
}
