import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('process_instance')
@Index('idx_instance_correlation', ['correlationId'])
@Index('idx_instance_business_key', ['businessKey'])
@Index('idx_instance_definition', ['processDefinitionKey', 'state'])
@Index('idx_instance_state', ['state', 'startedAt'])
export class ProcessInstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_definition_id', type: 'varchar', length: 64 })
  processDefinitionId!: string;

  @Column({ name: 'process_definition_key', type: 'varchar', length: 255 })
  processDefinitionKey!: string;

  @Column({ name: 'process_definition_version', type: 'integer' })
  processDefinitionVersion!: number;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'business_key', type: 'varchar', length: 255, nullable: true })
  businessKey!: string | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 255 })
  correlationId!: string;

  /** running | completed | terminated */
  @Column({ type: 'varchar', length: 16 })
  state!: string;

  /** The execution tree as versioned JSON (see the engine's instance-snapshot). */
  @Column({ type: 'text' })
  snapshot!: string;

  @Column({ type: 'integer', default: 0 })
  revision!: number;

  @Column({ name: 'started_at', type: 'bigint' })
  startedAt!: number;

  @Column({ name: 'ended_at', type: 'bigint', nullable: true })
  endedAt!: number | null;
}
