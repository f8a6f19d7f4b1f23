import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Units of work published on a topic for external workers (service tasks with camunda:type="external"). */
@Entity('external_task')
@Index('idx_external_task_topic', ['topicName', 'lockExpirationTime'])
@Index('idx_external_task_instance', ['processInstanceId'])
export class ExternalTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  /** Camunda's execution id: the (sub)process scope of the task. */
  @Column({ name: 'execution_id', type: 'varchar', length: 36 })
  executionId!: string;

  /** The element instance of the service task (Camunda's activity instance id). */
  @Column({ name: 'element_instance_id', type: 'varchar', length: 36 })
  elementInstanceId!: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 255 })
  activityId!: string;

  @Column({ name: 'topic_name', type: 'varchar', length: 255 })
  topicName!: string;

  @Column({ name: 'worker_id', type: 'varchar', length: 255, nullable: true })
  workerId!: string | null;

  /** Locked until this time (epoch ms); null or past means fetchable. */
  @Column({ name: 'lock_expiration_time', type: 'bigint', nullable: true })
  lockExpirationTime!: number | null;

  /** null until a failure sets it; 0 means an incident holds the task. */
  @Column({ type: 'integer', nullable: true })
  retries!: number | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'error_details', type: 'text', nullable: true })
  errorDetails!: string | null;

  @Column({ type: 'bigint', default: 0 })
  priority!: number;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'business_key', type: 'varchar', length: 255, nullable: true })
  businessKey!: string | null;

  @Column({ name: 'process_definition_id', type: 'varchar', length: 64 })
  processDefinitionId!: string;

  @Column({ name: 'process_definition_key', type: 'varchar', length: 255 })
  processDefinitionKey!: string;

  @Column({ name: 'process_definition_version_tag', type: 'varchar', length: 255, nullable: true })
  processDefinitionVersionTag!: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;
}
