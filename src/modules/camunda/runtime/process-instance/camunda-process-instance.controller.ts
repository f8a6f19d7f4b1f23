import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto, CamundaProcessInstanceDto } from '../../common/camunda-dto';
import { readPage } from '../../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS, VARIABLE_FILTER } from '../camunda-query-docs';
import { CamundaProcessInstanceQueryDto } from '../dto/process-instance-query.dto';
import { processInstanceFilterFromBody, processInstanceFilterFromQuery } from '../queries/process-instance-query';
import { CamundaProcessInstanceService } from './camunda-process-instance.service';

type QueryParams = Record<string, unknown>;

const FILTER_PARAMS = {
  processInstanceIds: 'Comma-separated process instance ids',
  businessKey: 'Exact business key',
  businessKeyLike: 'Business key LIKE pattern (use %)',
  processDefinitionId: 'Process definition id',
  processDefinitionKey: 'Process definition key',
  processDefinitionKeyIn: 'Comma-separated process definition keys',
  processDefinitionKeyNotIn: 'Comma-separated process definition keys to exclude',
  deploymentId: 'Deployment of the definition',
  active: 'true: active instances (all running instances are active)',
  suspended: 'true: suspended instances (there are none)',
  withIncident: 'true: only instances with an incident',
  incidentId: 'Instances with this incident',
  incidentType: 'Instances with an incident of this type',
  incidentMessage: 'Instances with an incident with this message',
  incidentMessageLike: 'Instances with an incident message LIKE this pattern',
  tenantIdIn: 'Comma-separated tenant ids',
  withoutTenantId: 'true: only instances without tenant',
  activityIdIn: 'Comma-separated ids of activities the instance is currently at',
  variables: VARIABLE_FILTER,
  variableNamesIgnoreCase: 'Match variable names case-insensitively',
  variableValuesIgnoreCase: 'Match string variable values case-insensitively',
} as const;

/** Camunda 7's /process-instance resource: running instances only; ended instances belong to history. */
@ApiTags('Camunda 7: Process Instance')
@Controller('engine-rest/process-instance')
export class CamundaProcessInstanceController {
  constructor(private readonly instances: CamundaProcessInstanceService) {}

  @Get()
  @ApiOperation({ summary: 'List running process instances (Camunda 7 GET /process-instance)' })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaProcessInstanceDto] })
  @CamundaErrors()
  getProcessInstances(@Query() query: QueryParams): Promise<CamundaProcessInstanceDto[]> {
    return this.instances.list(processInstanceFilterFromQuery(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count running process instances (Camunda 7 GET /process-instance/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getProcessInstancesCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.instances.count(processInstanceFilterFromQuery(query));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Query running process instances with a JSON body (Camunda 7 POST /process-instance)' })
  @CamundaQueryParams(PAGING_PARAMS)
  @ApiOkResponse({ type: [CamundaProcessInstanceDto] })
  @CamundaErrors()
  queryProcessInstances(@Body() body: CamundaProcessInstanceQueryDto, @Query() query: QueryParams): Promise<CamundaProcessInstanceDto[]> {
    return this.instances.list(processInstanceFilterFromBody(body), readPage(query));
  }

  @Post('count')
  @HttpCode(200)
  @ApiOperation({ summary: 'Count running process instances with a JSON body (Camunda 7 POST /process-instance/count)' })
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  queryProcessInstancesCount(@Body() body: CamundaProcessInstanceQueryDto): Promise<CamundaCountDto> {
    return this.instances.count(processInstanceFilterFromBody(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a running process instance (Camunda 7 GET /process-instance/{id})' })
  @ApiOkResponse({ type: CamundaProcessInstanceDto })
  @CamundaErrors(404)
  getCamundaProcessInstance(@Param('id') id: string): Promise<CamundaProcessInstanceDto> {
    return this.instances.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a running process instance (Camunda 7 DELETE /process-instance/{id})' })
  @ApiQuery({ name: 'failIfNotExists', required: false, type: Boolean, description: 'false: answer 204 for an unknown instance (default true)' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @CamundaErrors(404)
  deleteProcessInstance(@Param('id') id: string, @Query('failIfNotExists') failIfNotExists?: string): Promise<void> {
    // JAX-RS reads a boolean parameter with Boolean.valueOf: anything but "true" is false; absent is the default, true.
    return this.instances.delete(id, failIfNotExists === undefined || String(failIfNotExists).toLowerCase() === 'true');
  }
}
