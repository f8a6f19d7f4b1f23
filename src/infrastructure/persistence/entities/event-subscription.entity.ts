import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Open message subscriptions: waiting executions (instance rows) and message start events of the latest
 * definition versions (rows without an instance). Correlation reads this table by index only.
 */
@Entity('event_subscription')
@Index('idx_subscription_name', ['eventType', 'eventName', 'tenantId'])
@Index('idx_subscription_instance', ['processInstanceId', 'eventName'])
@Index('idx_subscription_definition', ['processDefinitionId'])
@Index('idx_subscription_correlation', ['correlationId'])
@Index('idx_subscription_business_key', ['businessKey', 'eventName'])
export class EventSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 32 })
  eventType!: string;

  @Column({ name: 'event_name', type: 'varchar', length: 255 })
  eventName!: string;

  /** start | catch | receive-task | boundary | event-subprocess | gateway */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'boolean' })
  interrupting!: boolean;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, default: '' })
  tenantId!: string;

  @Column({ name: 'process_definition_id', type: 'varchar', length: 64 })
  processDefinitionId!: string;

  @Column({ name: 'process_definition_key', type: 'varchar', length: 255 })
  processDefinitionKey!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36, nullable: true })
  processInstanceId!: string | null;

  /** The element instance holding the subscription (Camunda's execution id). */
  @Column({ name: 'execution_id', type: 'varchar', length: 36, nullable: true })
  executionId!: string | null;

  /** The variable scope of that execution, for local correlation keys. */
  @Column({ name: 'scope_id', type: 'varchar', length: 36, nullable: true })
  scopeId!: string | null;

  @Column({ name: 'activity_id', type: 'varchar', length: 255 })
  activityId!: string;

  @Column({ name: 'business_key', type: 'varchar', length: 255, nullable: true })
  businessKey!: string | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 255, nullable: true })
  correlationId!: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;
}
