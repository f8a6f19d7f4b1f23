import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { TYPED_VARIABLES_SCHEMA } from '../../../../common/dto/typed-value.dto';

const DATE_EXAMPLE = '2024-01-23T13:42:42.000+0000';

/** Camunda 7's ExternalTaskDto (GET /external-task, GET /external-task/{id}). */
export class CamundaExternalTaskDto {
  @ApiProperty({ example: 'ChargeCard', description: 'The service task element id' })
  activityId!: string;

  @ApiProperty({ description: 'The element instance of the service task' })
  activityInstanceId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The message of the last reported failure' })
  errorMessage!: string | null;

  @ApiProperty({ description: 'The (sub)process scope the task lives in' })
  executionId!: string;

  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String, example: DATE_EXAMPLE })
  lockExpirationTime!: string | null;

  @ApiProperty({ example: DATE_EXAMPLE })
  createTime!: string;

  @ApiProperty({ example: 'payment:1:…' })
  processDefinitionId!: string;

  @ApiProperty({ example: 'payment' })
  processDefinitionKey!: string;

  @ApiProperty({ nullable: true, type: String })
  processDefinitionVersionTag!: string | null;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'null until a failure or PUT …/retries sets it; 0 means an incident holds the task' })
  retries!: number | null;

  @ApiProperty({ description: 'Always false: suspension is not supported' })
  suspended!: boolean;

  @ApiProperty({ nullable: true, type: String })
  workerId!: string | null;

  @ApiProperty({ example: 'charge-card' })
  topicName!: string;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ example: 0 })
  priority!: number;

  @ApiProperty({ nullable: true, type: String })
  businessKey!: string | null;
}

/** Camunda 7's LockedExternalTaskDto: what POST /external-task/fetchAndLock answers, per locked task. */
export class CamundaLockedExternalTaskDto {
  @ApiProperty({ example: 'ChargeCard' })
  activityId!: string;

  @ApiProperty()
  activityInstanceId!: string;

  @ApiProperty({ nullable: true, type: String })
  errorMessage!: string | null;

  @ApiProperty({ nullable: true, type: String })
  errorDetails!: string | null;

  @ApiProperty()
  executionId!: string;

  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String, example: DATE_EXAMPLE })
  lockExpirationTime!: string | null;

  @ApiProperty({ example: DATE_EXAMPLE })
  createTime!: string;

  @ApiProperty()
  processDefinitionId!: string;

  @ApiProperty()
  processDefinitionKey!: string;

  @ApiProperty({ nullable: true, type: String })
  processDefinitionVersionTag!: string | null;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ nullable: true, type: Number })
  retries!: number | null;

  @ApiProperty()
  suspended!: boolean;

  @ApiProperty({ nullable: true, type: String })
  workerId!: string | null;

  @ApiProperty({ example: 'charge-card' })
  topicName!: string;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ ...TYPED_VARIABLES_SCHEMA, description: 'Always an object; values in serialized form (Json as a string, File without content)' })
  variables!: Record<string, unknown>;

  @ApiProperty({ example: 0 })
  priority!: number;

  @ApiProperty({ nullable: true, type: String })
  businessKey!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: {},
    description: "The task's camunda:properties when includeExtensionProperties was requested, else {}",
  })
  extensionProperties!: Record<string, string>;
}

export class CamundaFetchSortingDto {
  @ApiProperty({ example: 'createTime', description: 'Only createTime' })
  sortBy!: string;

  @ApiPropertyOptional({ example: 'asc', enum: ['asc', 'desc'] })
  sortOrder?: string;
}

export class CamundaFetchTopicDto {
  @ApiProperty({ example: 'charge-card' })
  topicName!: string;

  @ApiProperty({ example: 60000, description: 'Lock duration in ms; must be > 0' })
  lockDuration!: number;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Names of the variables to fetch; absent or null: all', example: ['amount'] })
  variables?: string[] | null;

  @ApiPropertyOptional({ description: "Only the variables local to the task's execution", default: false })
  localVariables?: boolean;

  @ApiPropertyOptional({ description: 'Accepted; values are always returned in serialized form', default: false })
  deserializeValues?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  businessKey?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  processDefinitionId?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  processDefinitionIdIn?: string[] | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  processDefinitionKey?: string | null;

  @ApiPropertyOptional({ type: [String], nullable: true })
  processDefinitionKeyIn?: string[] | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'LIKE pattern on the version tag' })
  processDefinitionVersionTag?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Process variables (root scope) by name with plain JSON values; a task matches when any of them is equal',
    example: { region: 'EU' },
  })
  processVariables?: Record<string, unknown> | null;

  @ApiPropertyOptional({ default: false })
  withoutTenantId?: boolean;

  @ApiPropertyOptional({ type: [String], nullable: true })
  tenantIdIn?: string[] | null;

  @ApiPropertyOptional({ default: false })
  includeExtensionProperties?: boolean;
}

/** Camunda 7's FetchExternalTasksExtendedDto (POST /external-task/fetchAndLock). */
export class CamundaFetchExternalTasksDto {
  @ApiProperty({ example: 'worker-1', description: 'Required (null: 500 "workerId is null")' })
  workerId!: string;

  @ApiProperty({ example: 10, description: 'At most this many tasks are locked; 0 answers []' })
  maxTasks!: number;

  @ApiPropertyOptional({ default: false, description: 'Highest priority first' })
  usePriority?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 30000,
    description: 'Long polling: wait up to this many ms (at most 1800000) for a task when none can be locked at once',
  })
  asyncResponseTimeout?: number | null;

  @ApiPropertyOptional({ type: [CamundaFetchSortingDto], nullable: true })
  sorting?: CamundaFetchSortingDto[] | null;

  @ApiPropertyOptional({ default: false })
  includeExtensionProperties?: boolean;

  @ApiPropertyOptional({ type: [CamundaFetchTopicDto], nullable: true })
  topics?: CamundaFetchTopicDto[] | null;
}

export class CamundaCompleteExternalTaskDto {
  @ApiProperty({ type: String, example: 'worker-1' })
  workerId?: string | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, nullable: true, description: 'Written with normal scoping from the task' })
  variables?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, nullable: true, description: "Written on the task's execution" })
  localVariables?: Record<string, unknown> | null;
}

export class CamundaExternalTaskFailureDto {
  @ApiProperty({ type: String, example: 'worker-1' })
  workerId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Payment service unavailable' })
  errorMessage?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'java.net.ConnectException: …' })
  errorDetails?: string | null;

  @ApiPropertyOptional({ type: Number, example: 2, default: 0, description: 'Retries left; 0 (also when omitted) creates an incident' })
  retries?: number | null;

  @ApiPropertyOptional({ type: Number, example: 5000, default: 0, description: 'The task can be fetched again after this many ms' })
  retryTimeout?: number | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, nullable: true })
  variables?: Record<string, unknown> | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, nullable: true })
  localVariables?: Record<string, unknown> | null;
}

export class CamundaExternalTaskBpmnErrorDto {
  @ApiProperty({ type: String, example: 'worker-1' })
  workerId?: string | null;

  @ApiProperty({ type: String, example: 'CARD_DECLINED' })
  errorCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'The card was declined' })
  errorMessage?: string | null;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, nullable: true })
  variables?: Record<string, unknown> | null;
}

export class CamundaLockExternalTaskDto {
  @ApiProperty({ type: String, example: 'worker-1' })
  workerId?: string | null;

  @ApiProperty({ type: Number, example: 60000, description: 'ms; must be > 0' })
  lockDuration?: number | null;
}

export class CamundaExtendLockDto {
  @ApiProperty({ type: String, example: 'worker-1' })
  workerId?: string | null;

  @ApiProperty({ type: Number, example: 60000, description: 'The new lock lasts this many ms from now; must be > 0' })
  newDuration?: number | null;
}

export class CamundaRetriesDto {
  @ApiProperty({ example: 3, nullable: true, type: Number, description: 'Required; 0 creates an incident, > 0 resolves it' })
  retries?: number | null;
}
