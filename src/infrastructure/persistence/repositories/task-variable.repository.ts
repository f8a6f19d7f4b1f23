import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { TypedValue } from '../../../engine';
import { Sql, Tx } from '../database';
import { fromColumns, toColumns } from '../mappers/variable-columns';

/** The local variables of user tasks (the task_variable table), by task. */
@Injectable()
export class TaskVariableRepository {
  async variables(sql: Sql, taskId: string): Promise<Record<string, TypedValue>> {
    const rows = await sql.query<{ name: string } & Parameters<typeof fromColumns>[0]>(
      'SELECT name, type, text_value, long_value, double_value, value_info FROM task_variable WHERE task_id = ? ORDER BY name',
      [taskId],
    );
    const result: Record<string, TypedValue> = {};
    // defineProperty, not assignment: a variable may be called __proto__.
    for (const row of rows) Object.defineProperty(result, row.name, { value: fromColumns(row), enumerable: true, writable: true, configurable: true });
    return result;
  }

  async set(tx: Tx, task: { id: string; processInstanceId: string }, name: string, value: TypedValue, now: number): Promise<void> {
    const c = toColumns(value);
    await tx.execute(
      `INSERT INTO task_variable (id, task_id, process_instance_id, name, type, text_value, text_key, long_value, double_value, value_info, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (task_id, name) DO UPDATE SET type = excluded.type, text_value = excluded.text_value, text_key = excluded.text_key,
         long_value = excluded.long_value, double_value = excluded.double_value, value_info = excluded.value_info, updated_at = excluded.updated_at`,
      [randomUUID(), task.id, task.processInstanceId, name, c.type, c.textValue, c.textKey, c.longValue, c.doubleValue, c.valueInfo, now],
    );
  }

  async delete(tx: Tx, taskId: string, name: string): Promise<void> {
    await tx.execute('DELETE FROM task_variable WHERE task_id = ? AND name = ?', [taskId, name]);
  }

  /** A task that ends (completed, cancelled with its scope) takes its local variables with it, as in Camunda. */
  async deleteForTasks(tx: Tx, taskIds: readonly string[]): Promise<void> {
    if (taskIds.length === 0) return;
    await tx.execute(`DELETE FROM task_variable WHERE task_id IN (${taskIds.map(() => '?').join(', ')})`, taskIds);
  }
}
