import { ApiProperty } from '@nestjs/swagger';

/** Camunda 7's HistoricActivityInstanceDto: one activity instance (element instance) of a running or ended process instance. */
export class CamundaHistoricActivityInstanceDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'The enclosing (sub)process instance; the process instance id for top-level activities' })
  parentActivityInstanceId!: string;

  @ApiProperty({ example: 'ReviewOrder' })
  activityId!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Review order' })
  activityName!: string | null;

  @ApiProperty({ example: 'userTask', description: "Camunda's activity type, e.g. messageStartEvent, noneEndEvent, boundaryMessage, intermediateMessageCatch" })
  activityType!: string;

  @ApiProperty({ example: 'order-process' })
  processDefinitionKey!: string;

  @ApiProperty()
  processDefinitionId!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ description: 'The (sub)process scope the activity ran in, as the /execution routes name executions' })
  executionId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The user task of a userTask activity' })
  taskId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  calledProcessInstanceId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  calledCaseInstanceId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The assignee of a userTask activity' })
  assignee!: string | null;

  @ApiProperty({ example: '2013-01-23T13:42:42.000+0000' })
  startTime!: string;

  @ApiProperty({ nullable: true, type: String, description: 'null while the activity instance is active' })
  endTime!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  durationInMillis!: number | null;

  @ApiProperty({ description: 'Ended by cancellation: an interrupting event, a terminate end event or a cancelled instance' })
  canceled!: boolean;

  @ApiProperty({ description: 'Completed and ended its scope (an activity without outgoing sequence flows, such as an end event)' })
  completeScope!: boolean;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When the retention period deletes the ended process instance; null while it runs' })
  removalTime!: string | null;

  @ApiProperty()
  rootProcessInstanceId!: string;
}
