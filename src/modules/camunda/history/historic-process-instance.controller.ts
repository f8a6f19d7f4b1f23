import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto } from '../common/camunda-dto';
import { readPage } from '../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS, VARIABLE_FILTER } from '../runtime/camunda-query-docs';
import { CamundaHistoricProcessInstanceDto } from './dto/historic-process-instance.dto';
import { HistoricProcessInstanceService } from './historic-process-instance.service';
import { historicProcessInstanceCriteria } from './queries/historic-process-instance-query';

type QueryParams = Record<string, unknown>;

const DATE = '(yyyy-MM-ddTHH:mm:ss.SSSZ, inclusive)';

const FILTER_PARAMS = {
  processInstanceId: 'Process instance id',
  processInstanceIds: 'Comma-separated process instance ids',
  processDefinitionId: 'Process definition id',
  processDefinitionKey: 'Process definition key',
  processDefinitionKeyIn: 'Comma-separated process definition keys',
  processDefinitionKeyNotIn: 'Comma-separated process definition keys to exclude',
  processDefinitionName: 'Exact process definition name',
  processDefinitionNameLike: 'Process definition name LIKE pattern (use %)',
  processInstanceBusinessKey: 'Exact business key',
  processInstanceBusinessKeyIn: 'Comma-separated business keys',
  processInstanceBusinessKeyLike: 'Business key LIKE pattern (use %)',
  finished: 'true: only ended instances',
  unfinished: 'true: only running instances',
  active: 'true: only running instances (state ACTIVE)',
  suspended: 'true: only suspended instances (there are none)',
  completed: 'true: only completed instances',
  externallyTerminated: 'true: only cancelled instances',
  internallyTerminated: 'true: only internally terminated instances (there are none)',
  startedBefore: `Started at or before ${DATE}`,
  startedAfter: `Started at or after ${DATE}`,
  finishedBefore: `Ended at or before ${DATE}`,
  finishedAfter: `Ended at or after ${DATE}`,
  tenantIdIn: 'Comma-separated tenant ids',
  withoutTenantId: 'true: only instances without tenant',
  withIncidents: 'true: only instances with an open incident',
  activeActivityIdIn: 'Comma-separated ids of activities the instance is at',
  executedActivityIdIn: 'Comma-separated ids of activities the instance has finished',
  rootProcessInstances: 'true: only root instances (all of them: there are no call activities)',
  superProcessInstanceId: 'Instances called by this instance (there are no call activities)',
  subProcessInstanceId: 'The instance that called this one (there are no call activities)',
  variables: VARIABLE_FILTER,
  variableNamesIgnoreCase: 'Match variable names case-insensitively',
  variableValuesIgnoreCase: 'Match string variable values case-insensitively',
} as const;

/** Camunda 7's /history/process-instance resource: running and ended instances (ended ones until the retention period passes). */
@ApiTags('Camunda 7: History')
@Controller('engine-rest/history/process-instance')
export class HistoricProcessInstanceController {
  constructor(private readonly instances: HistoricProcessInstanceService) {}

  @Get()
  @ApiOperation({
    summary: 'List historic process instances (Camunda 7 GET /history/process-instance)',
    description: 'Sort keys: instanceId, definitionId, definitionKey, definitionName, definitionVersion, businessKey, startTime, endTime, duration, tenantId.',
  })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaHistoricProcessInstanceDto] })
  @CamundaErrors()
  getHistoricProcessInstances(@Query() query: QueryParams): Promise<CamundaHistoricProcessInstanceDto[]> {
    return this.instances.list(historicProcessInstanceCriteria(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count historic process instances (Camunda 7 GET /history/process-instance/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getHistoricProcessInstancesCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.instances.count(historicProcessInstanceCriteria(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a historic process instance (Camunda 7 GET /history/process-instance/{id})' })
  @ApiOkResponse({ type: CamundaHistoricProcessInstanceDto })
  @CamundaErrors(404)
  getHistoricProcessInstance(@Param('id') id: string): Promise<CamundaHistoricProcessInstanceDto> {
    return this.instances.get(id);
  }
}
