import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Pending continuations (transactional outbox): written in the transaction of the command that left work
 * on an instance's agenda, removed by the continuation that did the work. One row per instance at most.
 */
@Entity('continuation_outbox')
@Index('uq_outbox_instance', ['processInstanceId'], { unique: true })
@Index('idx_outbox_due', ['status', 'availableAt'])
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 36 })
  processInstanceId!: string;

  /** pending | failed (retries exhausted: an incident holds it until resolved) */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;

  /** Not before this time (retry back-off); the sweeper re-enqueues rows older than a lease. */
  @Column({ name: 'available_at', type: 'bigint' })
  availableAt!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
