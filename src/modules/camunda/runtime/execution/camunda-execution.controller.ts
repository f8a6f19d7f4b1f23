import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto, CamundaExecutionDto } from '../../common/camunda-dto';
import { readPage } from '../../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS, VARIABLE_FILTER } from '../camunda-query-docs';
import { CamundaEventSubscriptionDto } from '../dto/runtime-views.dto';
import { CamundaExecutionTriggerDto } from '../dto/variables.dto';
import { executionFilterFromQuery } from '../queries/execution-query';
import { CamundaExecutionService } from './camunda-execution.service';

type QueryParams = Record<string, unknown>;

const FILTER_PARAMS = {
  processInstanceId: 'Process instance id',
  businessKey: 'Business key of the process instance',
  processDefinitionId: 'Process definition id',
  processDefinitionKey: 'Process definition key',
  activityId: 'Activity the execution is currently at',
  messageEventSubscriptionName: 'Executions waiting for this message',
  signalEventSubscriptionName: 'Executions waiting for this signal (signals are not supported: matches nothing)',
  active: 'true: active executions (all are)',
  suspended: 'true: suspended executions (there are none)',
  incidentId: 'Instance has this incident',
  incidentType: 'Instance has an incident of this type',
  incidentMessage: 'Instance has an incident with this message',
  incidentMessageLike: 'Instance has an incident message LIKE this pattern',
  tenantIdIn: 'Comma-separated tenant ids',
  variables: `Local variables of the execution: ${VARIABLE_FILTER}`,
  processVariables: `Variables of the process instance: ${VARIABLE_FILTER}`,
  variableNamesIgnoreCase: 'Match variable names case-insensitively',
  variableValuesIgnoreCase: 'Match string variable values case-insensitively',
} as const;

/**
 * Camunda 7's /execution resource. An execution is a running process instance or an (event) subprocess
 * scope inside one; a subscription's execution is the scope that holds it. Its local variables are the
 * CamundaExecutionLocalVariablesController.
 */
@ApiTags('Camunda 7: Execution')
@Controller('engine-rest/execution')
export class CamundaExecutionController {
  constructor(private readonly executions: CamundaExecutionService) {}

  @Get()
  @ApiOperation({ summary: 'List executions (Camunda 7 GET /execution)', description: 'Sort keys: instanceId, definitionKey, definitionId, tenantId.' })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaExecutionDto] })
  @CamundaErrors()
  getExecutions(@Query() query: QueryParams): Promise<CamundaExecutionDto[]> {
    return this.executions.list(executionFilterFromQuery(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count executions (Camunda 7 GET /execution/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getExecutionsCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.executions.count(executionFilterFromQuery(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an execution (Camunda 7 GET /execution/{id})' })
  @ApiOkResponse({ type: CamundaExecutionDto })
  @CamundaErrors(404)
  getExecution(@Param('id') id: string): Promise<CamundaExecutionDto> {
    return this.executions.get(id);
  }

  @Get(':id/messageSubscriptions/:messageName')
  @ApiOperation({ summary: 'Get the message subscription of an execution (Camunda 7 GET /execution/{id}/messageSubscriptions/{messageName})' })
  @ApiOkResponse({ type: CamundaEventSubscriptionDto })
  @CamundaErrors(404)
  getMessageEventSubscription(@Param('id') id: string, @Param('messageName') messageName: string): Promise<CamundaEventSubscriptionDto> {
    return this.executions.messageSubscription(id, messageName);
  }

  @Post(':id/messageSubscriptions/:messageName/trigger')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deliver a message to an execution (Camunda 7 POST /execution/{id}/messageSubscriptions/{messageName}/trigger)',
    description: 'Answers after the continuation reached the next wait states (bounded by CONTINUATION_WAIT_TIMEOUT_MS).',
  })
  @ApiNoContentResponse({ description: 'Delivered' })
  @CamundaErrors()
  triggerEvent(@Param('id') id: string, @Param('messageName') messageName: string, @Body() body: CamundaExecutionTriggerDto): Promise<void> {
    return this.executions.triggerMessage(id, messageName, body);
  }
}
