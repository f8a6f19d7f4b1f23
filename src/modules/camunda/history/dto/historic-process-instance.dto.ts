import { ApiProperty } from '@nestjs/swagger';

export const HISTORIC_PROCESS_INSTANCE_STATES = ['ACTIVE', 'SUSPENDED', 'COMPLETED', 'EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED'] as const;

export type HistoricProcessInstanceState = (typeof HISTORIC_PROCESS_INSTANCE_STATES)[number];

/** Camunda 7's HistoricProcessInstanceDto: a running or ended process instance. */
export class CamundaHistoricProcessInstanceDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ nullable: true, type: String })
  businessKey!: string | null;

  @ApiProperty({ example: 'order-process:1:…' })
  processDefinitionId!: string;

  @ApiProperty({ example: 'order-process' })
  processDefinitionKey!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Order process' })
  processDefinitionName!: string | null;

  @ApiProperty({ example: 1 })
  processDefinitionVersion!: number;

  @ApiProperty({ example: '2013-01-23T13:42:42.000+0000' })
  startTime!: string;

  @ApiProperty({ nullable: true, type: String, description: 'null while the instance runs' })
  endTime!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When the retention period deletes the ended instance (HISTORY_RETENTION_DAYS); null while it runs' })
  removalTime!: string | null;

  @ApiProperty({ nullable: true, type: Number, description: 'null while the instance runs' })
  durationInMillis!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Always null: the engine records no start user' })
  startUserId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The start event the instance began at (null without history)' })
  startActivityId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why a cancelled instance ended; null otherwise' })
  deleteReason!: string | null;

  @ApiProperty({ description: 'The instance itself: there are no call activities' })
  rootProcessInstanceId!: string;

  @ApiProperty({ nullable: true, type: String })
  superProcessInstanceId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  superCaseInstanceId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  caseInstanceId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  tenantId!: string | null;

  @ApiProperty({ enum: HISTORIC_PROCESS_INSTANCE_STATES, description: 'ACTIVE, COMPLETED or EXTERNALLY_TERMINATED (cancelled)' })
  state!: HistoricProcessInstanceState;

  @ApiProperty({ nullable: true, type: String })
  restartedProcessInstanceId!: string | null;
}
