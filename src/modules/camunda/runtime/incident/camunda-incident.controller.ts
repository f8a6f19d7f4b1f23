import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto } from '../../common/camunda-dto';
import { readPage } from '../../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS } from '../camunda-query-docs';
import { CamundaIncidentDto } from './camunda-incident.dto';
import { CamundaIncidentService } from './camunda-incident.service';
import { incidentFilterFromQuery } from './incident-query';

type QueryParams = Record<string, unknown>;

const FILTER_PARAMS = {
  incidentId: 'Incident id',
  incidentType: 'Incident type; every incident here is a failedJob',
  incidentMessage: 'Exact incident message',
  incidentMessageLike: 'Incident message LIKE pattern (use %)',
  processDefinitionId: 'Process definition id',
  processDefinitionKeyIn: 'Comma-separated process definition keys',
  processInstanceId: 'Process instance id',
  executionId: 'Execution id',
  incidentTimestampBefore: 'Created before this date (yyyy-MM-ddTHH:mm:ss.SSSZ)',
  incidentTimestampAfter: 'Created after this date (yyyy-MM-ddTHH:mm:ss.SSSZ)',
  activityId: 'Activity (element) id',
  failedActivityId: 'Id of the activity that failed',
  causeIncidentId: 'Cause incident id',
  rootCauseIncidentId: 'Root cause incident id',
  configuration: 'Incident configuration (for a failed continuation: its job id)',
  tenantIdIn: 'Comma-separated tenant ids',
  jobDefinitionIdIn: 'Comma-separated job definition ids (there are none)',
} as const;

/** Camunda 7's /incident resource: the open incidents of running instances. */
@ApiTags('Camunda 7: Incident')
@Controller('engine-rest/incident')
export class CamundaIncidentController {
  constructor(private readonly incidents: CamundaIncidentService) {}

  @Get()
  @ApiOperation({
    summary: 'List incidents (Camunda 7 GET /incident)',
    description:
      'Sort keys: incidentId, incidentMessage, incidentTimestamp, incidentType, executionId, activityId, processInstanceId, ' +
      'processDefinitionId, causeIncidentId, rootCauseIncidentId, configuration, tenantId.',
  })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaIncidentDto] })
  @CamundaErrors()
  getIncidents(@Query() query: QueryParams): Promise<CamundaIncidentDto[]> {
    return this.incidents.list(incidentFilterFromQuery(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count incidents (Camunda 7 GET /incident/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getIncidentsCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.incidents.count(incidentFilterFromQuery(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an incident (Camunda 7 GET /incident/{id})' })
  @ApiOkResponse({ type: CamundaIncidentDto })
  @CamundaErrors(404)
  getCamundaIncident(@Param('id') id: string): Promise<CamundaIncidentDto> {
    return this.incidents.get(id);
  }
}
