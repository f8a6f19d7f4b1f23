import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { col, id, index, nullable } from './columns';

export class BufferedMessagesAndIdempotency1732000000002 implements MigrationInterface {
  name = 'BufferedMessagesAndIdempotency1732000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'buffered_message',
        columns: [
          id(),
          col('message_name', 'varchar', { length: 255 }),
          col('criteria', 'text'),
          col('payload', 'text'),
          col('may_start', 'boolean'),
          col('tenant_id', 'varchar', { length: 64, ...nullable }),
          col('created_at', 'bigint'),
          col('expires_at', 'bigint'),
        ],
        indices: [index('idx_buffered_message_name', ['message_name', 'expires_at']), index('idx_buffered_message_expiry', ['expires_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          col('key', 'varchar', { length: 400, isPrimary: true }),
          col('request_hash', 'varchar', { length: 64 }),
          col('state', 'varchar', { length: 16 }),
          col('response_status', 'integer', nullable),
          col('response_body', 'text', nullable),
          col('response_headers', 'text', nullable),
          col('created_at', 'bigint'),
          col('expires_at', 'bigint'),
        ],
        indices: [index('idx_idempotency_expiry', ['expires_at'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('idempotency_key', true);
    await q.dropTable('buffered_message', true);
  }
}
