import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HistoryEventDto {
  @ApiProperty({ description: 'Order of the step in the history' })
  id!: number;

  @ApiProperty({
    example: 'element-activated',
    description:
      'element-activated | element-completed | element-terminated | sequence-flow-taken | subscription-opened | subscription-consumed | subscription-closed | ' +
      'task-created | task-completed | variable-set | variable-deleted | incident-created | error-thrown | instance-ended',
  })
  kind!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'PaymentReceived' })
  elementId!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  elementInstanceId!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'intermediateCatchEvent' })
  elementType!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What else is known: the message name and route (via) of a consumed subscription, the cause of a termination, a variable and its value, …',
  })
  detail!: Record<string, unknown>;
}

export class ActivityInstanceDto {
  @ApiProperty({ description: 'The element instance id' })
  id!: string;

  @ApiProperty({ example: 'ReviewOrder' })
  elementId!: string;

  @ApiProperty({ example: 'userTask' })
  elementType!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The (sub)process instance it ran in' })
  parentId!: string | null;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  endedAt!: string | null;

  @ApiProperty({ enum: ['active', 'completed', 'terminated'] })
  state!: string;

  @ApiPropertyOptional({ description: 'For terminated ones: what ended them (an interrupting event, a terminate end event, a cancellation)' })
  cause?: string;
}

export class InstanceHistoryDto {
  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ type: [ActivityInstanceDto] })
  activityInstances!: ActivityInstanceDto[];

  @ApiProperty({ type: [HistoryEventDto], description: 'Every recorded step, oldest first' })
  events!: HistoryEventDto[];
}
