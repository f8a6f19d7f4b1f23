import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';

import { TYPED_VARIABLES_SCHEMA } from '../../../common/dto/typed-value.dto';
import { CamundaProcessInstanceDto } from '../common/camunda-dto';
import { CamundaBoolean, CamundaString } from '../common/camunda-coercion';

/** Camunda 7's ProcessDefinitionDiagramDto (…/xml). */
export class CamundaProcessDefinitionDiagramDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: 'The BPMN 2.0 XML as deployed' })
  bpmn20Xml!: string;
}

/** Camunda 7's StartProcessInstanceDto. */
export class CamundaStartProcessInstanceDto {
  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Variables of the new instance', nullable: true })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'order-4711' })
  @IsOptional()
  @CamundaString()
  @IsString()
  businessKey?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Accepted and ignored (no CMMN)' })
  @IsOptional()
  @CamundaString()
  @IsString()
  caseInstanceId?: string | null;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, nullable: true, description: 'Not supported: refused with 400 unless empty' })
  @IsOptional()
  @IsArray()
  startInstructions?: unknown[] | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Accepted and ignored (no listeners)' })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  skipCustomListeners?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Accepted and ignored (no I/O mappings)' })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  skipIoMappings?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, default: false, description: "Answer with the instance's variables as they are after its first wait state" })
  @IsOptional()
  @CamundaBoolean()
  @IsBoolean()
  withVariablesInReturn?: boolean | null;
}

/** Camunda 7's ProcessInstanceWithVariablesDto: `variables` only with withVariablesInReturn. */
export class CamundaProcessInstanceWithVariablesDto extends CamundaProcessInstanceDto {
  @ApiPropertyOptional({ ...TYPED_VARIABLES_SCHEMA, description: 'Only with withVariablesInReturn (serialized form)' })
  variables?: Record<string, unknown>;
}
