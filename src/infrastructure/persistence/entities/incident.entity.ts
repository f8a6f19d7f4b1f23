import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('incident')
@Index('idx_incident_instance', ['processInstanceId'])
export class IncidentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  @Column({ name: 'process_definition_id', type: 'varchar', length: 64 })
  processDefinitionId!: string;

  /** failedJob (a continuation kept failing) or the engine's failure kind (CONDITION_ERROR, …). */
  @Column({ name: 'incident_type', type: 'varchar', length: 64 })
  incidentType!: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 255, nullable: true })
  activityId!: string | null;

  @Column({ name: 'execution_id', type: 'varchar', length: 36, nullable: true })
  executionId!: string | null;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;
}
