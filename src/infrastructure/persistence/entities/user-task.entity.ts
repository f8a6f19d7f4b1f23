import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('user_task')
@Index('idx_task_instance', ['processInstanceId'])
@Index('idx_task_correlation', ['correlationId'])
@Index('idx_task_definition', ['processDefinitionKey', 'elementId'])
@Index('idx_task_created', ['tenantId', 'createdAt'])
export class UserTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  @Column({ name: 'execution_id', type: 'varchar', length: 36 })
  executionId!: string;

  @Column({ name: 'element_id', type: 'varchar', length: 255 })
  elementId!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  assignee!: string | null;

  @Column({ name: 'candidate_users', type: 'varchar', length: 1024, nullable: true })
  candidateUsers!: string | null;

  @Column({ name: 'candidate_groups', type: 'varchar', length: 1024, nullable: true })
  candidateGroups!: string | null;

  @Column({ name: 'form_key', type: 'varchar', length: 1024, nullable: true })
  formKey!: string | null;

  @Column({ type: 'integer', default: 50 })
  priority!: number;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'correlation_id', type: 'varchar', length: 255 })
  correlationId!: string;

  @Column({ name: 'business_key', type: 'varchar', length: 255, nullable: true })
  businessKey!: string | null;

  @Column({ name: 'process_definition_id', type: 'varchar', length: 64 })
  processDefinitionId!: string;

  @Column({ name: 'process_definition_key', type: 'varchar', length: 255 })
  processDefinitionKey!: string;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;
}
