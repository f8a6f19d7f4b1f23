import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto } from '../common/camunda-dto';
import { readPage } from '../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS } from '../runtime/camunda-query-docs';
import { CamundaHistoricActivityInstanceDto } from './dto/historic-activity-instance.dto';
import { HistoricActivityInstanceService } from './historic-activity-instance.service';
import { historicActivityInstanceCriteria } from './queries/historic-activity-instance-query';

type QueryParams = Record<string, unknown>;

const DATE = '(yyyy-MM-ddTHH:mm:ss.SSSZ, inclusive)';

const FILTER_PARAMS = {
  activityInstanceId: 'Activity instance id',
  processInstanceId: 'Process instance id',
  processDefinitionId: 'Process definition id',
  executionId: 'Execution id (the process instance or a subprocess instance)',
  activityId: 'Activity (element) id',
  activityName: 'Exact activity name',
  activityType: 'Camunda activity type, e.g. userTask, messageStartEvent, noneEndEvent, boundaryMessage',
  taskAssignee: 'Assignee of a userTask activity',
  finished: 'true: only ended activity instances',
  unfinished: 'true: only active activity instances',
  completeScope: 'true: only activity instances that completed their scope (end events)',
  canceled: 'true: only cancelled activity instances',
  startedBefore: `Started at or before ${DATE}`,
  startedAfter: `Started at or after ${DATE}`,
  finishedBefore: `Ended at or before ${DATE}`,
  finishedAfter: `Ended at or after ${DATE}`,
  tenantIdIn: 'Comma-separated tenant ids',
  withoutTenantId: 'true: only activity instances without tenant',
} as const;

/** Camunda 7's /history/activity-instance resource: the element instances of running and ended process instances. */
@ApiTags('Camunda 7: History')
@Controller('engine-rest/history/activity-instance')
export class HistoricActivityInstanceController {
  constructor(private readonly activities: HistoricActivityInstanceService) {}

  @Get()
  @ApiOperation({
    summary: 'List historic activity instances (Camunda 7 GET /history/activity-instance)',
    description:
      'Sort keys: activityInstanceId, instanceId, executionId, activityId, activityName, activityType, startTime, endTime, duration, ' +
      'definitionId, occurrence, tenantId. Without a sort key, activity instances come in the order they started.',
  })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaHistoricActivityInstanceDto] })
  @CamundaErrors()
  getHistoricActivityInstances(@Query() query: QueryParams): Promise<CamundaHistoricActivityInstanceDto[]> {
    return this.activities.list(historicActivityInstanceCriteria(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count historic activity instances (Camunda 7 GET /history/activity-instance/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getHistoricActivityInstancesCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.activities.count(historicActivityInstanceCriteria(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a historic activity instance (Camunda 7 GET /history/activity-instance/{id})' })
  @ApiOkResponse({ type: CamundaHistoricActivityInstanceDto })
  @CamundaErrors(404)
  getHistoricActivityInstance(@Param('id') id: string): Promise<CamundaHistoricActivityInstanceDto> {
    return this.activities.get(id);
  }
}
