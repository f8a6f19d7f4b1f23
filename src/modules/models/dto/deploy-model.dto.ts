import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Deploy BPMN XML sent as JSON (multipart uploads carry the same fields, with the XML as a file). */
export class DeployModelDto {
  @ApiProperty({ description: 'BPMN 2.0 XML, as exported by Camunda Modeler or bpmn.io' })
  @IsString()
  @MinLength(1)
  xml!: string;

  @ApiPropertyOptional({ description: 'Name of the deployment (and of its resource, with .bpmn appended)', example: 'order-process' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ description: 'Tenant the models belong to', example: 'tenant-a' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tenantId?: string;

  @ApiPropertyOptional({
    description:
      'Allow one running instance per business key: a message start event for a business key that already has a running instance ' +
      'of the model starts nothing (409 on POST /messages, the no-match 400 on the Camunda route)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  oneInstancePerBusinessKey?: boolean;
}

export class ProcessModelSummaryDto {
  @ApiProperty({ description: 'The BPMN process id', example: 'order-process' })
  key!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ type: String, nullable: true, example: 'Order process' })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  tenantId!: string | null;

  @ApiProperty({ description: 'Id of this version (Camunda process definition id)', example: 'order-process:1:5f0c…' })
  processDefinitionId!: string;

  @ApiProperty()
  deploymentId!: string;

  @ApiProperty({ example: 'order-process.bpmn' })
  resourceName!: string;

  @ApiProperty({ format: 'date-time' })
  deployedAt!: string;

  @ApiProperty({ description: 'One running instance per business key (deployment option)' })
  oneInstancePerBusinessKey!: boolean;
}

export class DeployModelResponseDto {
  @ApiProperty()
  deploymentId!: string;

  @ApiProperty({ description: 'False when the XML was unchanged and no new version was created' })
  created!: boolean;

  @ApiProperty({ type: [ProcessModelSummaryDto] })
  models!: ProcessModelSummaryDto[];
}

export class DeploymentProblemDto {
  @ApiProperty({ example: 'order-process.bpmn' })
  resource!: string;

  @ApiPropertyOptional({ description: 'The BPMN element the problem concerns', example: 'ScriptTask_1' })
  elementId?: string;

  @ApiProperty({ example: 'element <bpmn:ScriptTask> is not supported by this engine' })
  message!: string;

  @ApiPropertyOptional()
  line?: number;

  @ApiPropertyOptional()
  column?: number;
}

export class DeploymentErrorDto {
  @ApiProperty({ example: 'DeploymentError' })
  type!: string;

  @ApiProperty({ example: 'The BPMN cannot be deployed: 1 problem' })
  message!: string;

  @ApiProperty({ example: 'DEPLOYMENT_INVALID' })
  code!: string;

  @ApiProperty({ type: [DeploymentProblemDto] })
  problems!: DeploymentProblemDto[];
}
