import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiErrors } from '../../infrastructure/http/api-errors.decorator';
import { IncidentListItemDto, IncidentPageDto, IncidentQueryDto, IncidentsService } from './incidents.service';

@ApiTags('Incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

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
}
