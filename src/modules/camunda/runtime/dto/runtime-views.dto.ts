import { ApiProperty } from '@nestjs/swagger';

/** Camunda 7's EventSubscriptionDto. */
export class CamundaEventSubscriptionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'message' })
  eventType!: string;

  @ApiProperty({ example: 'PaymentReceived' })
  eventName!: string;

  @ApiProperty({ nullable: true, type: String, description: 'null for message start events of a definition' })
  executionId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'null for message start events of a definition' })
  processInstanceId!: string | null;

  @ApiProperty({ description: 'The catching element: catch event, receive task, boundary or start event' })
  activityId!: string;

  @ApiProperty({ example: '2013-01-23T13:42:42.000+0000' })
  createdDate!: string;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;
}

/** Camunda 7's TaskDto (JSON variant). */
export class CamundaTaskDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String })
  assignee!: string | null;

  @ApiProperty({ example: '2013-01-23T13:42:42.000+0000' })
  created!: string;

  @ApiProperty({ nullable: true, type: String })
  due!: string | null;

  @ApiProperty({ nullable: true, type: String })
  followUp!: string | null;

  @ApiProperty({ nullable: true, type: String })
  lastUpdated!: string | null;

  @ApiProperty({ nullable: true, type: String })
  delegationState!: string | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty()
  executionId!: string;

  @ApiProperty({ nullable: true, type: String })
  owner!: string | null;

  @ApiProperty({ nullable: true, type: String })
  parentTaskId!: string | null;

  @ApiProperty()
  priority!: number;

  @ApiProperty()
  processDefinitionId!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ description: 'The user task element id' })
  taskDefinitionKey!: string;

  @ApiProperty({ nullable: true, type: String })
  caseExecutionId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  caseInstanceId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  caseDefinitionId!: string | null;

  @ApiProperty()
  suspended!: boolean;

  @ApiProperty({ nullable: true, type: String })
  formKey!: string | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  camundaFormRef!: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ example: 'Created' })
  taskState!: string;
}
