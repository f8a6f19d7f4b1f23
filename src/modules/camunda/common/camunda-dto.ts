import { ApiProperty } from '@nestjs/swagger';

import { formatCamundaDate } from '../../../engine';
import { DefinitionRow } from '../../../infrastructure/persistence/repositories/definition.repository';
import { InstanceRow } from '../../../infrastructure/persistence/repositories/instance-store';

export class CamundaLinkDto {
  @ApiProperty({ example: 'GET' })
  method!: string;

  @ApiProperty()
  href!: string;

  @ApiProperty({ example: 'self' })
  rel!: string;
}

export class CamundaProcessInstanceDto {
  @ApiProperty({ type: [CamundaLinkDto] })
  links!: CamundaLinkDto[];

  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'order-process:1:…' })
  definitionId!: string;

  @ApiProperty({ example: 'order-process' })
  definitionKey!: string;

  @ApiProperty({ nullable: true, type: String })
  businessKey!: string | null;

  @ApiProperty({ nullable: true, type: String })
  caseInstanceId!: string | null;

  @ApiProperty()
  ended!: boolean;

  @ApiProperty()
  suspended!: boolean;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;
}

export class CamundaExecutionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  processInstanceId!: string;

  @ApiProperty()
  ended!: boolean;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;
}

export class CamundaProcessDefinitionDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  key!: string;

  @ApiProperty({ nullable: true, type: String })
  category!: string | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty()
  resource!: string;

  @ApiProperty()
  deploymentId!: string;

  @ApiProperty({ nullable: true, type: String })
  diagram!: string | null;

  @ApiProperty()
  suspended!: boolean;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  versionTag!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  historyTimeToLive!: number | null;

  @ApiProperty()
  startableInTasklist!: boolean;
}

export class CamundaCountDto {
  @ApiProperty({ example: 1 })
  count!: number;
}

export function processInstanceDto(row: InstanceRow, links: CamundaLinkDto[] = []): CamundaProcessInstanceDto {
  return {
    links,
    id: row.id,
    definitionId: row.processDefinitionId,
    definitionKey: row.processDefinitionKey,
    businessKey: row.businessKey,
    caseInstanceId: null,
    ended: row.state !== 'running',
    suspended: false,
    tenantId: row.tenantId,
  };
}

export function processDefinitionDto(row: DefinitionRow): CamundaProcessDefinitionDto {
  const ttl = row.historyTimeToLive !== null && /^\d+$/.test(row.historyTimeToLive) ? Number(row.historyTimeToLive) : null;
  return {
    id: row.id,
    key: row.key,
    category: 'http://bpmn.io/schema/bpmn',
    description: null,
    name: row.name,
    version: row.version,
    resource: row.resourceName,
    deploymentId: row.deploymentId,
    diagram: null,
    suspended: false,
    tenantId: row.tenantId,
    versionTag: row.versionTag,
    historyTimeToLive: ttl,
    startableInTasklist: row.startable,
  };
}

export function camundaDate(epochMs: number | null): string | null {
  return epochMs === null ? null : formatCamundaDate(epochMs);
}
