import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

import { CamundaLinkDto, CamundaProcessDefinitionDto } from '../common/camunda-dto';

/** Camunda 7's DeploymentDto. */
export class CamundaDeploymentDto {
  @ApiProperty({ type: [CamundaLinkDto], description: 'Empty except on the answer of POST /deployment/create' })
  links!: CamundaLinkDto[];

  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Camunda Modeler' })
  source!: string | null;

  @ApiProperty({ example: '2013-01-23T13:59:43.000+0200', description: "Camunda's date format" })
  deploymentTime!: string;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;
}

const DEFINITION_MAP = {
  type: 'object',
  nullable: true,
  additionalProperties: { $ref: getSchemaPath(CamundaProcessDefinitionDto) },
  description: 'Keyed by definition id; null when the deployment produced none (or was an existing one)',
} as const;

const ALWAYS_NULL = { type: 'object', additionalProperties: true, nullable: true, description: 'Always null: this engine deploys BPMN only' } as const;

/** Camunda 7's DeploymentWithDefinitionsDto, the answer of POST /deployment/create. */
export class CamundaDeploymentWithDefinitionsDto extends CamundaDeploymentDto {
  @ApiProperty(DEFINITION_MAP)
  deployedProcessDefinitions!: Record<string, CamundaProcessDefinitionDto> | null;

  @ApiProperty(ALWAYS_NULL)
  deployedCaseDefinitions!: null;

  @ApiProperty(ALWAYS_NULL)
  deployedDecisionDefinitions!: null;

  @ApiProperty(ALWAYS_NULL)
  deployedDecisionRequirementsDefinitions!: null;
}

/** The multipart form of POST /deployment/create, for the OpenAPI document only (parts are read by hand). */
export class CamundaDeploymentFormDto {
  @ApiPropertyOptional({ description: 'Name of the deployment; with the source and tenant, the scope of duplicate filtering' })
  'deployment-name'?: string;

  @ApiPropertyOptional({ description: "Source label, e.g. 'Camunda Modeler'" })
  'deployment-source'?: string;

  @ApiPropertyOptional({ description: 'Accepted and ignored: definitions are active at once' })
  'deployment-activation-time'?: string;

  @ApiPropertyOptional({ description: "'true': return the existing deployment if every resource is unchanged", example: 'true' })
  'enable-duplicate-filtering'?: string;

  @ApiPropertyOptional({ description: "'true': deploy only the changed resources (wins over enable-duplicate-filtering)" })
  'deploy-changed-only'?: string;

  @ApiPropertyOptional({ description: 'Tenant of the deployment and its definitions' })
  'tenant-id'?: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'Any part not named above (whatever its name) is a resource named by its file name; *.bpmn and *.bpmn20.xml are parsed',
  })
  resource!: unknown;
}

/** One problem of a ParseException, as upstream's ProblemDto serialises it. */
export class CamundaProblemDto {
  @ApiProperty()
  message!: string;

  @ApiProperty({ description: '0 when unknown' })
  line!: number;

  @ApiProperty({ description: '0 when unknown' })
  column!: number;

  @ApiProperty({ nullable: true, type: String })
  mainElementId!: string | null;

  @ApiProperty({ type: [String], name: '\u0435lementIds', description: "Sic: the first letter is a Cyrillic 'е' (U+0435), as in upstream" })
  elementIds!: string[];
}

export class CamundaResourceReportDto {
  @ApiProperty({ type: [CamundaProblemDto] })
  errors!: CamundaProblemDto[];

  @ApiProperty({ type: [CamundaProblemDto] })
  warnings!: CamundaProblemDto[];
}

/** The 400 body of a deployment whose BPMN cannot be parsed. */
export class CamundaParseExceptionDto {
  @ApiProperty({ example: 'ParseException' })
  type!: string;

  @ApiProperty({ example: 'ENGINE-09005 Could not parse BPMN process. Errors: \n* … | resource diagram.bpmn | line 12 | column 4' })
  message!: string;

  @ApiProperty({ example: 0 })
  code!: number;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(CamundaResourceReportDto) }, description: 'Keyed by resource name' })
  details!: Record<string, CamundaResourceReportDto>;
}
