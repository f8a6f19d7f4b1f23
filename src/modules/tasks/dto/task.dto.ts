import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString } from 'class-validator';

import { PAYLOAD_SCHEMA, TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { PageQueryDto } from '../../correlations/dto/instance.dto';
import { RawJson } from '../../../common/dto/raw-json.decorator';

export class TaskDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'BPMN element id of the user task', example: 'ReviewOrder' })
  elementId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Review order' })
  name!: string | null;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ example: 'order-process' })
  processModelKey!: string;

  @ApiProperty({ type: String, nullable: true })
  businessKey!: string | null;

  @ApiProperty({ type: String, nullable: true })
  tenantId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assignee!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'sales' })
  candidateGroups!: string | null;

  @ApiProperty({ type: String, nullable: true })
  candidateUsers!: string | null;

  @ApiProperty({ type: String, nullable: true })
  formKey!: string | null;

  @ApiProperty({ example: 50 })
  priority!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] })
  items!: TaskDto[];

  @ApiProperty()
  total!: number;
}

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  processInstanceId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  correlationId?: string;

  @ApiPropertyOptional({ example: 'order-process' })
  @IsOptional()
  @IsString()
  processModelKey?: string;

  @ApiPropertyOptional({ description: 'BPMN element id of the task', example: 'ReviewOrder' })
  @IsOptional()
  @IsString()
  elementId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  tenantId?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ ...PAYLOAD_SCHEMA, example: { approved: true } })
  @IsOptional()
  @IsObject()
  @RawJson()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, example: { approved: { value: true, type: 'Boolean' } } })
  @IsOptional()
  @IsObject()
  @RawJson()
  variables?: Record<string, unknown>;
}
