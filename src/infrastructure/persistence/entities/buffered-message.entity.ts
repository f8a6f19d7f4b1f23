import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A message that matched nothing when it arrived and was kept, because its sender gave it a time to live.
 * A subscription that opens later consumes it if the message's criteria match at that moment.
 */
@Entity('buffered_message')
@Index('idx_buffered_message_name', ['messageName', 'expiresAt'])
@Index('idx_buffered_message_expiry', ['expiresAt'])
export class BufferedMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'message_name', type: 'varchar', length: 255 })
  messageName!: string;

  /** The correlation criteria and payload as sent (JSON), including the tenant rule. */
  @Column({ type: 'text' })
  criteria!: string;

  @Column({ type: 'text' })
  payload!: string;

  /** Whether the sender allowed the message to start an instance of a model deployed later. */
  @Column({ name: 'may_start', type: 'boolean' })
  mayStart!: boolean;

  @Column({ name: 'tenant_id', type: 'varchar', length: 64, nullable: true })
  tenantId!: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint' })
  expiresAt!: number;
}
