import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { TYPED_VARIABLES_SCHEMA } from '../../../../common/dto/typed-value.dto';
import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaErrorDto } from '../../../../infrastructure/http/error-response.dto';
import { Idempotent } from '../../../../infrastructure/http/idempotency/idempotent.decorator';
import { CamundaCountDto } from '../../common/camunda-dto';
import { invalidRequest } from '../../common/camunda-errors';
import { readPage } from '../../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS, VARIABLE_FILTER } from '../camunda-query-docs';
import { CamundaTaskDto } from '../dto/runtime-views.dto';
import { CamundaCompleteTaskDto } from '../dto/variables.dto';
import { taskFilterFromQuery } from '../queries/task-query';
import { CamundaTaskService } from './camunda-task.service';

type QueryParams = Record<string, unknown>;

const FILTER_PARAMS = {
  taskId: 'Task id',
  taskIdIn: 'Comma-separated task ids',
  processInstanceId: 'Process instance id',
  processInstanceIdIn: 'Comma-separated process instance ids',
  processInstanceBusinessKey: 'Business key of the process instance',
  processInstanceBusinessKeyLike: 'Business key LIKE pattern',
  processDefinitionId: 'Process definition id',
  processDefinitionKey: 'Process definition key',
  processDefinitionKeyIn: 'Comma-separated process definition keys',
  taskDefinitionKey: 'User task element id',
  taskDefinitionKeyIn: 'Comma-separated user task element ids',
  name: 'Exact task name',
  nameLike: 'Task name LIKE pattern',
  assignee: 'Exact assignee',
  assigneeLike: 'Assignee LIKE pattern',
  assigned: 'true: only assigned tasks',
  unassigned: 'true: only unassigned tasks',
  candidateGroup: 'Tasks this group is a candidate for (unassigned ones unless includeAssignedTasks)',
  candidateUser: 'Tasks this user is a candidate for (unassigned ones unless includeAssignedTasks)',
  includeAssignedTasks: 'With candidateGroup/candidateUser: include assigned tasks',
  active: 'true: active tasks (all are)',
  suspended: 'true: suspended tasks (there are none)',
  tenantIdIn: 'Comma-separated tenant ids',
  withoutTenantId: 'true: only tasks without tenant',
  processVariables: `Variables of the process instance: ${VARIABLE_FILTER}`,
  variableNamesIgnoreCase: 'Match variable names case-insensitively',
  variableValuesIgnoreCase: 'Match string variable values case-insensitively',
} as const;

/** Media ranges for which GET /task/{id} can answer with its JSON form. */
const ACCEPTABLE = /(^|,)\s*(\*\/\*|application\/\*|application\/json|application\/hal\+json)\s*(;[^,]*)?(?=,|$)/i;

/** Camunda 7's /task resource over open user tasks; their variables are the Camunda*TaskVariablesControllers. */
@ApiTags('Camunda 7: Task')
@Controller('engine-rest/task')
export class CamundaTaskController {
  constructor(private readonly tasks: CamundaTaskService) {}

  @Get()
  @ApiOperation({
    summary: 'List open user tasks (Camunda 7 GET /task)',
    description:
      'Sort keys: instanceId, caseInstanceId, dueDate, followUpDate, executionId, caseExecutionId, assignee, created, lastUpdated, ' +
      'description, id, name, nameCaseInsensitive, priority, tenantId.',
  })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaTaskDto] })
  @CamundaErrors()
  getTasks(@Query() query: QueryParams): Promise<CamundaTaskDto[]> {
    return this.tasks.list(taskFilterFromQuery(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count open user tasks (Camunda 7 GET /task/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getTasksCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.tasks.count(taskFilterFromQuery(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an open user task (Camunda 7 GET /task/{id})' })
  @ApiHeader({ name: 'accept', required: false, description: 'A type JSON cannot satisfy is a 406, as in Camunda' })
  @ApiOkResponse({ type: CamundaTaskDto })
  @CamundaErrors(404, 406)
  getCamundaTask(@Param('id') id: string, @Headers('accept') accept?: string): Promise<CamundaTaskDto> {
    if (accept !== undefined && accept.trim() !== '' && !ACCEPTABLE.test(accept)) throw invalidRequest('No acceptable content-type found', 406);
    return this.tasks.get(id);
  }

  @Idempotent({ errorBody: CamundaErrorDto })
  @Post(':id/complete')
  @ApiOperation({
    summary: 'Complete a user task (Camunda 7 POST /task/{id}/complete)',
    description: 'Answers after the continuation reached the next wait states: 204, or 200 with the process variables when withVariablesInReturn is true.',
  })
  @ApiNoContentResponse({ description: 'Completed' })
  @ApiOkResponse({ schema: TYPED_VARIABLES_SCHEMA, description: 'Completed; withVariablesInReturn was true' })
  @CamundaErrors()
  async complete(@Param('id') id: string, @Body() body: CamundaCompleteTaskDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown> | void> {
    const variables = await this.tasks.complete(id, body);
    void reply.status(variables ? 200 : 204);
    return variables;
  }
}
