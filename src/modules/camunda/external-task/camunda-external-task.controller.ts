import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { Database } from '../../../infrastructure/persistence/database';
import { CamundaCountDto } from '../common/camunda-dto';
import { readPage } from '../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS, VARIABLE_FILTER } from '../runtime/camunda-query-docs';
import {
  CamundaCompleteExternalTaskDto,
  CamundaExtendLockDto,
  CamundaExternalTaskBpmnErrorDto,
  CamundaExternalTaskDto,
  CamundaExternalTaskFailureDto,
  CamundaFetchExternalTasksDto,
  CamundaLockExternalTaskDto,
  CamundaLockedExternalTaskDto,
  CamundaRetriesDto,
} from './dto/external-task.dto';
import { ExternalTaskService } from './external-task.service';
import { externalTaskFilterFromQuery } from './external-task-query';

type QueryParams = Record<string, unknown>;

const FILTER_PARAMS = {
  externalTaskId: 'External task id',
  externalTaskIdIn: 'Comma-separated external task ids',
  topicName: 'Topic name',
  workerId: 'Id of the worker holding the lock',
  locked: 'true: only tasks whose lock has not expired',
  notLocked: 'true: only tasks without a lock or with an expired one',
  withRetriesLeft: 'true: only tasks whose retries are not set or above 0',
  noRetriesLeft: 'true: only tasks with 0 retries (an incident holds them)',
  lockExpirationBefore: 'Lock expires before this date (yyyy-MM-ddTHH:mm:ss.SSSZ)',
  lockExpirationAfter: 'Lock expires after this date (yyyy-MM-ddTHH:mm:ss.SSSZ)',
  activityId: 'Service task element id',
  activityIdIn: 'Comma-separated service task element ids',
  executionId: 'Execution ((sub)process scope) id',
  processInstanceId: 'Process instance id',
  processInstanceIdIn: 'Comma-separated process instance ids',
  processDefinitionId: 'Process definition id',
  processDefinitionKey: 'Process definition key',
  processDefinitionKeyIn: 'Comma-separated process definition keys',
  processDefinitionName: 'Process definition name',
  processDefinitionNameLike: 'Process definition name LIKE pattern (use %)',
  active: 'true: active tasks (all are)',
  suspended: 'true: suspended tasks (there are none)',
  priorityHigherThanOrEquals: 'Minimum priority',
  priorityLowerThanOrEquals: 'Maximum priority',
  tenantIdIn: 'Comma-separated tenant ids',
  processVariables: `Variables of the process instance: ${VARIABLE_FILTER}`,
  variableNamesIgnoreCase: 'Match variable names case-insensitively',
  variableValuesIgnoreCase: 'Match string variable values case-insensitively',
} as const;

const WORKER_RULE = 'The task must currently be locked by the given worker (lock expiry is not checked): else 400; workerId null: 500.';

/**
 * Camunda 7's /external-task resource: service tasks with camunda:type="external" wait here for workers
 * (such as camunda-external-task-client-js) to fetch and lock, complete, fail or end them with a BPMN error.
 */
@ApiTags('Camunda 7: External Task')
@Controller('engine-rest/external-task')
export class CamundaExternalTaskController {
  constructor(
    private readonly tasks: ExternalTaskService,
    private readonly db: Database,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List external tasks (Camunda 7 GET /external-task)',
    description: 'Sort keys: id, lockExpirationTime, processInstanceId, processDefinitionId, processDefinitionKey, tenantId, taskPriority, createTime.',
  })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaExternalTaskDto] })
  @CamundaErrors()
  getExternalTasks(@Query() query: QueryParams): Promise<CamundaExternalTaskDto[]> {
    return this.tasks.list(externalTaskFilterFromQuery(query, this.db.dialect, Date.now()), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count external tasks (Camunda 7 GET /external-task/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getExternalTasksCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.tasks.count(externalTaskFilterFromQuery(query, this.db.dialect, Date.now()));
  }

  @Post('fetchAndLock')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Fetch and lock external tasks (Camunda 7 POST /external-task/fetchAndLock)',
    description:
      'Locks up to maxTasks fetchable tasks of the given topics for the worker and returns them with the variables each topic asks for. ' +
      'With asyncResponseTimeout (long polling, at most 1800000 ms) a request that locks nothing waits, without holding a database ' +
      'connection, until a matching task appears (answered at once) or the timeout passes (answered with []). At most 200 requests wait at a time.',
  })
  @ApiBody({ type: CamundaFetchExternalTasksDto })
  @ApiOkResponse({ type: [CamundaLockedExternalTaskDto] })
  @CamundaErrors()
  fetchAndLockExternalTasks(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<CamundaLockedExternalTaskDto[]> {
    return this.tasks.fetchAndLock(body, {
      onClose: (listener) => reply.raw.once('close', () => (reply.raw.writableFinished ? undefined : listener())),
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an external task (Camunda 7 GET /external-task/{id})' })
  @ApiOkResponse({ type: CamundaExternalTaskDto })
  @CamundaErrors(404)
  getExternalTask(@Param('id') id: string): Promise<CamundaExternalTaskDto> {
    return this.tasks.get(id);
  }

  @Get(':id/errorDetails')
  @ApiOperation({
    summary: 'Get the error details of an external task (Camunda 7 GET /external-task/{id}/errorDetails)',
    description: 'text/plain; 204 when the task has no error details. An unknown id is a 500 NullValueException, as in Camunda.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The error details of the last failure' })
  @ApiNoContentResponse({ description: 'No error details' })
  @CamundaErrors()
  async getExternalTaskErrorDetails(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    const details = await this.tasks.errorDetails(id);
    if (details === null) {
      void reply.status(204);
      return undefined;
    }
    void reply.header('content-type', 'text/plain');
    return details;
  }

  @Put(':id/retries')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set the retries of an external task (Camunda 7 PUT /external-task/{id}/retries)',
    description: '0 raises a failedExternalTask incident (when retries were left); a number above 0 resolves it and makes the task fetchable again.',
  })
  @ApiBody({ type: CamundaRetriesDto })
  @ApiNoContentResponse({ description: 'Set' })
  @CamundaErrors(404)
  setExternalTaskRetries(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.tasks.setRetries(id, body);
  }

  @Post(':id/complete')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Complete an external task (Camunda 7 POST /external-task/{id}/complete)',
    description: `${WORKER_RULE} Answers after the continuation reached the next wait states.`,
  })
  @ApiBody({ type: CamundaCompleteExternalTaskDto })
  @ApiNoContentResponse({ description: 'Completed' })
  @CamundaErrors(404)
  completeExternalTask(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.tasks.complete(id, body);
  }

  @Post(':id/failure')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Report a failure of an external task (Camunda 7 POST /external-task/{id}/failure)',
    description: `${WORKER_RULE} retries (default 0) left; at 0 a failedExternalTask incident is raised. The task can be fetched again after retryTimeout ms.`,
  })
  @ApiBody({ type: CamundaExternalTaskFailureDto })
  @ApiNoContentResponse({ description: 'Recorded' })
  @CamundaErrors(404)
  handleExternalTaskFailure(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.tasks.failure(id, body);
  }

  @Post(':id/bpmnError')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Throw a BPMN error at an external task (Camunda 7 POST /external-task/{id}/bpmnError)',
    description: `${WORKER_RULE} A matching error boundary event catches it; uncaught, the token ends there. Answers after the continuation settled.`,
  })
  @ApiBody({ type: CamundaExternalTaskBpmnErrorDto })
  @ApiNoContentResponse({ description: 'Thrown' })
  @CamundaErrors(404)
  handleExternalTaskBpmnError(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.tasks.bpmnError(id, body);
  }

  @Post(':id/lock')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Lock one external task (Camunda 7 POST /external-task/{id}/lock)',
    description: 'Allowed when the task is unlocked, its lock expired, or the worker holds it already.',
  })
  @ApiBody({ type: CamundaLockExternalTaskDto })
  @ApiNoContentResponse({ description: 'Locked' })
  @CamundaErrors(404)
  lockExternalTask(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.tasks.lock(id, body);
  }

  @Post(':id/extendLock')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Extend the lock of an external task (Camunda 7 POST /external-task/{id}/extendLock)',
    description: 'The worker must hold an unexpired lock; the new lock lasts newDuration ms from now.',
  })
  @ApiBody({ type: CamundaExtendLockDto })
  @ApiNoContentResponse({ description: 'Extended' })
  @CamundaErrors(404)
  extendExternalTaskLock(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.tasks.extendLock(id, body);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unlock an external task (Camunda 7 POST /external-task/{id}/unlock)', description: 'No body. The task can be fetched again at once.' })
  @ApiNoContentResponse({ description: 'Unlocked' })
  @CamundaErrors(404)
  unlockExternalTask(@Param('id') id: string): Promise<void> {
    return this.tasks.unlock(id);
  }
}
