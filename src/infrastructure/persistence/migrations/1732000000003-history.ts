import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { col, index, nullable } from './columns';

export class History1732000000003 implements MigrationInterface {
  name = 'History1732000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'history_event',
        columns: [
          col('id', 'integer', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('kind', 'varchar', { length: 32 }),
          col('element_id', 'varchar', { length: 255, ...nullable }),
          col('element_instance_id', 'varchar', { length: 36, ...nullable }),
          col('element_type', 'varchar', { length: 32, ...nullable }),
          col('parent_instance_id', 'varchar', { length: 36, ...nullable }),
          col('detail', 'text', nullable),
          col('at', 'bigint'),
        ],
        indices: [index('idx_history_instance', ['process_instance_id', 'id']), index('idx_history_element_instance', ['element_instance_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('history_event', true);
  }
}
