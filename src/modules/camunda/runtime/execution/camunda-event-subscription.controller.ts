import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CamundaErrors } from '../../../../infrastructure/http/api-errors.decorator';
import { CamundaCountDto } from '../../common/camunda-dto';
import { readPage } from '../../common/camunda-query';
import { CamundaQueryParams, PAGING_PARAMS, SORT_PARAMS } from '../camunda-query-docs';
import { CamundaEventSubscriptionDto } from '../dto/runtime-views.dto';
import { CamundaEventSubscriptionService, eventSubscriptionFilterFromQuery } from './camunda-event-subscription.service';

type QueryParams = Record<string, unknown>;

const FILTER_PARAMS = {
  eventSubscriptionId: 'Subscription id',
  eventName: 'Message name',
  eventType: 'message (signal, compensate and conditional subscriptions do not exist here)',
  executionId: 'Execution holding the subscription',
  processInstanceId: 'Process instance holding the subscription',
  activityId: 'Catching element',
  tenantIdIn: 'Comma-separated tenant ids',
  withoutTenantId: 'true: only subscriptions without tenant',
  includeEventSubscriptionsWithoutTenantId: 'With tenantIdIn: also those without tenant',
} as const;

/** Camunda 7's /event-subscription resource: open message subscriptions, including message start events. */
@ApiTags('Camunda 7: Event Subscription')
@Controller('engine-rest/event-subscription')
export class CamundaEventSubscriptionController {
  constructor(private readonly subscriptions: CamundaEventSubscriptionService) {}

  @Get()
  @ApiOperation({ summary: 'List event subscriptions (Camunda 7 GET /event-subscription)', description: 'Sort keys: created, tenantId.' })
  @CamundaQueryParams({ ...FILTER_PARAMS, ...SORT_PARAMS, ...PAGING_PARAMS })
  @ApiOkResponse({ type: [CamundaEventSubscriptionDto] })
  @CamundaErrors()
  getEventSubscriptions(@Query() query: QueryParams): Promise<CamundaEventSubscriptionDto[]> {
    return this.subscriptions.list(eventSubscriptionFilterFromQuery(query), readPage(query));
  }

  @Get('count')
  @ApiOperation({ summary: 'Count event subscriptions (Camunda 7 GET /event-subscription/count)' })
  @CamundaQueryParams(FILTER_PARAMS)
  @ApiOkResponse({ type: CamundaCountDto })
  @CamundaErrors()
  getEventSubscriptionsCount(@Query() query: QueryParams): Promise<CamundaCountDto> {
    return this.subscriptions.count(eventSubscriptionFilterFromQuery(query));
  }
}
