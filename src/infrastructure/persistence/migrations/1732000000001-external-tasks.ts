import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { col, id, index, nullable, tenant } from './columns';

export class ExternalTasks1732000000001 implements MigrationInterface {
  name = 'ExternalTasks1732000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'external_task',
        columns: [
          id(),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('execution_id', 'varchar', { length: 36 }),
          col('element_instance_id', 'varchar', { length: 36 }),
          col('activity_id', 'varchar', { length: 255 }),
          col('topic_name', 'varchar', { length: 255 }),
          col('worker_id', 'varchar', { length: 255, ...nullable }),
          col('lock_expiration_time', 'bigint', nullable),
          col('retries', 'integer', nullable),
          col('error_message', 'text', nullable),
          col('error_details', 'text', nullable),
          col('priority', 'bigint', { default: 0 }),
          tenant(),
          col('business_key', 'varchar', { length: 255, ...nullable }),
          col('process_definition_id', 'varchar', { length: 64 }),
          col('process_definition_key', 'varchar', { length: 255 }),
          col('process_definition_version_tag', 'varchar', { length: 255, ...nullable }),
          col('created_at', 'bigint'),
        ],
        indices: [
          index('idx_external_task_topic', ['topic_name', 'lock_expiration_time']),
          index('idx_external_task_instance', ['process_instance_id']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('external_task', true);
  }
}
