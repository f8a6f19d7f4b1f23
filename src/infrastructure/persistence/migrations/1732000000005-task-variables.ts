import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { col, id, index, nullable } from './columns';

/**
 * Task-local variables (Camunda's TASK_ID_ rows) get a table of their own: every query on `variable` (correlation
 * keys, variable filters, what an execution sees) means execution variables, and Camunda excludes task-local ones
 * from all of them.
 */
export class TaskVariables1732000000005 implements MigrationInterface {
  name = 'TaskVariables1732000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'task_variable',
        columns: [
          id(),
          col('task_id', 'varchar', { length: 36 }),
          col('process_instance_id', 'varchar', { length: 36 }),
          col('name', 'varchar', { length: 255 }),
          col('type', 'varchar', { length: 16 }),
          col('text_value', 'text', nullable),
          col('text_key', 'varchar', { length: 255, ...nullable }),
          col('long_value', 'bigint', nullable),
          col('double_value', 'double precision', nullable),
          col('value_info', 'text', nullable),
          col('updated_at', 'bigint'),
        ],
        indices: [index('uq_task_variable_task_name', ['task_id', 'name'], true), index('idx_task_variable_instance', ['process_instance_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('task_variable', true);
  }
}
