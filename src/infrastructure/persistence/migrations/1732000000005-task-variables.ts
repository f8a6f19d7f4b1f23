import { MigrationInterface, QueryRunner, Table } from 'typeorm';

import { col, id, index, typedValue } from './columns';

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
          ...typedValue(),
        ],
        indices: [index('uq_task_variable_task_name', ['task_id', 'name'], true), index('idx_task_variable_instance', ['process_instance_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('task_variable', true);
  }
}
