import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

import { ANY_JSON_VALUE_SCHEMA } from '../../../../common/dto/typed-value.dto';
import { CamundaBoolean, CamundaString } from '../../common/camunda-coercion';

export class CamundaSortingDto {
  @ApiPropertyOptional({ example: 'instanceId' })
  sortBy?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  sortOrder?: string;
}

export class CamundaVariableQueryParameterDto {
  @ApiPropertyOptional({ example: 'amount' })
  name?: string;

  @ApiPropertyOptional({ enum: ['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like', 'notLike'] })
  operator?: string;

  @ApiPropertyOptional({ ...ANY_JSON_VALUE_SCHEMA, description: 'A JSON number matches Integer, Long, Short and Double variables; a string in the REST date format compares as a Date' })
  value?: unknown;
}

/** Camunda 7's CamundaProcessInstanceQueryDto, as the body of POST /process-instance (and /count). */
export class CamundaProcessInstanceQueryDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  processInstanceIds?: string[] | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  businessKey?: string | null;

  @ApiPropertyOptional({ type: String, description: 'SQL LIKE pattern, e.g. order-%' })
  @IsOptional()
  @CamundaString()
  @IsString()
  businessKeyLike?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  processDefinitionId?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  processDefinitionKey?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  processDefinitionKeyIn?: string[] | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  processDefinitionKeyNotIn?: string[] | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  deploymentId?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  superProcessInstance?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  subProcessInstance?: string | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  active?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Instances are never suspended here, so true matches nothing' })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  suspended?: boolean | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  withIncident?: boolean | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  incidentId?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  incidentType?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  incidentMessage?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @CamundaString()
  @IsString()
  incidentMessageLike?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tenantIdIn?: string[] | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  withoutTenantId?: boolean | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  activityIdIn?: string[] | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  rootProcessInstances?: boolean | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  leafProcessInstances?: boolean | null;

  @ApiPropertyOptional({ type: [CamundaVariableQueryParameterDto] })
  @IsOptional()
  @IsArray()
  variables?: unknown[] | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  variableNamesIgnoreCase?: boolean | null;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  variableValuesIgnoreCase?: boolean | null;

  @ApiPropertyOptional({ enum: ['instanceId', 'definitionKey', 'definitionId', 'tenantId', 'businessKey'] })
  @IsOptional()
  @CamundaString()
  @IsString()
  sortBy?: string | null;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @CamundaString()
  @IsString()
  sortOrder?: string | null;

  @ApiPropertyOptional({ type: [CamundaSortingDto] })
  @IsOptional()
  @IsArray()
  sorting?: CamundaSortingDto[] | null;
}
