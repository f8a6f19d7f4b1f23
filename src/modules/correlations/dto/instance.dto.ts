import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';

export class ActiveElementDto {
  @ApiProperty({ example: 'ReviewOrder' })
  elementId!: string;

  @ApiProperty({ description: 'Tokens on the element', example: 1 })
  count!: number;
}

export class WaitingEventDto {
  @ApiProperty({ description: 'Id of the waiting event (its subscription)' })
  eventId!: string;

  @ApiProperty({ description: 'BPMN element id of the event', example: 'PaymentReceived' })
  eventKey!: string;

  @ApiProperty({ description: 'BPMN element type that waits', example: 'intermediateCatchEvent', enum: ['intermediateCatchEvent', 'boundaryEvent', 'receiveTask', 'startEvent'] })
  eventType!: string;

  @ApiProperty({ description: 'The message name it waits for', example: 'PaymentReceived' })
  eventName!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiPropertyOptional({ description: 'For boundary events and event-subprocess starts' })
  interrupting?: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class OpenTaskDto {
  @ApiProperty()
  taskId!: string;

  @ApiProperty({ example: 'ReviewOrder' })
  elementId!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Review order' })
  name!: string | null;
}

export class IncidentDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'CONDITION_ERROR' })
  incidentType!: string;

  @ApiProperty({ nullable: true, type: String })
  elementId!: string | null;

  @ApiProperty()
  message!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class InstanceSummaryDto {
  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ example: 'order-process' })
  processModelKey!: string;

  @ApiProperty({ example: 1 })
  processModelVersion!: number;

  @ApiProperty({ nullable: true, type: String })
  businessKey!: string | null;

  @ApiProperty({ enum: ['running', 'completed', 'terminated'] })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  endedAt!: string | null;

  @ApiProperty({ type: [String], example: ['ReviewOrder'] })
  activeElementIds!: string[];

  @ApiProperty({ ...TYPED_VARIABLES_SCHEMA, description: 'Process-level variables in typed form' })
  variables!: Record<string, unknown>;
}

export class InstanceDetailDto {
  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty({ example: 'order-process' })
  processModelKey!: string;

  @ApiProperty()
  processModelVersion!: number;

  @ApiProperty()
  processDefinitionId!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ nullable: true, type: String })
  businessKey!: string | null;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ enum: ['running', 'completed', 'terminated'] })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  endedAt!: string | null;

  @ApiProperty({ type: [ActiveElementDto] })
  activeElements!: ActiveElementDto[];

  @ApiProperty({ type: [WaitingEventDto] })
  waitingEvents!: WaitingEventDto[];

  @ApiProperty({ type: [OpenTaskDto] })
  openTasks!: OpenTaskDto[];

  @ApiProperty({ type: [IncidentDto] })
  incidents!: IncidentDto[];
}

export class CorrelationDto {
  @ApiProperty({ example: 'order-4711' })
  correlationId!: string;

  @ApiProperty({ enum: ['running', 'completed', 'terminated'], description: 'running while any instance runs' })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: [InstanceSummaryDto] })
  processInstances!: InstanceSummaryDto[];
}

export class CorrelationSummaryDto {
  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ enum: ['running', 'completed', 'terminated'] })
  state!: string;

  @ApiProperty({ type: [String] })
  processModelKeys!: string[];

  @ApiProperty()
  instanceCount!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;
}

export class CorrelationPageDto {
  @ApiProperty({ type: [CorrelationSummaryDto] })
  items!: CorrelationSummaryDto[];

  @ApiProperty({ description: 'Number of correlations matching the filters' })
  total!: number;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class CorrelationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['running', 'completed', 'terminated'] })
  @IsOptional()
  @IsIn(['running', 'completed', 'terminated'])
  state?: string;

  @ApiPropertyOptional({ description: 'Only correlations with an instance of this process model' })
  @IsOptional()
  @IsString()
  processModelKey?: string;
}

export class VariablesQueryDto {
  @ApiPropertyOptional({ description: 'Id of a (sub)process scope for its local variables; default: the process instance' })
  @IsOptional()
  @IsString()
  scope?: string;
}
