import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';

import { RawJson } from '../../../../common/dto/raw-json.decorator';
import { TYPED_VARIABLES_SCHEMA } from '../../../../common/dto/typed-value.dto';
import { CamundaBoolean } from '../../common/camunda-coercion';

/** Camunda 7's CamundaPatchVariablesDto (POST …/variables): modifications are applied before deletions. */
export class CamundaPatchVariablesDto {
  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Variables to set' })
  @IsOptional()
  @IsObject()
  @RawJson()
  modifications?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: [String], description: 'Names of variables to remove', example: ['obsolete'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  deletions?: string[] | null;
}

/** Camunda 7's CamundaExecutionTriggerDto (POST /execution/{id}/messageSubscriptions/{messageName}/trigger). */
export class CamundaExecutionTriggerDto {
  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Written with normal scoping from the execution that waited' })
  @IsOptional()
  @IsObject()
  @RawJson()
  variables?: Record<string, unknown> | null;
}

/** Camunda 7's CamundaCompleteTaskDto (POST /task/{id}/complete). */
export class CamundaCompleteTaskDto {
  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Written with normal scoping from the task' })
  @IsOptional()
  @IsObject()
  @RawJson()
  variables?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: Boolean, description: 'Answer 200 with the process variables after the continuation instead of 204', default: false })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  withVariablesInReturn?: boolean | null;
}
