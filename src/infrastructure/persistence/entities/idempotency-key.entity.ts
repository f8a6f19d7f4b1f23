import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a request sent with an Idempotency-Key, kept for the retention period so a repeat
 * is answered the same way and changes nothing.
 */
@Entity('idempotency_key')
@Index('idx_idempotency_expiry', ['expiresAt'])
export class IdempotencyKeyEntity {
  /** The route and the key, so the same key on different routes does not collide. */
  @PrimaryColumn({ type: 'varchar', length: 400 })
  key!: string;

  /** sha256 of the request (method, route, body) — a repeat with another body is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  /** pending (the first request is still running) | done */
  @Column({ type: 'varchar', length: 16 })
  state!: string;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ name: 'response_headers', type: 'text', nullable: true })
  responseHeaders!: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint' })
  expiresAt!: number;
}
