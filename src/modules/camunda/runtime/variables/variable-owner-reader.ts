import { Injectable } from '@nestjs/common';

import { TypedValue } from '../../../../engine';
import { canSeeTenant } from '../../../../infrastructure/auth/request-context';
import { Sql } from '../../../../infrastructure/persistence/database';
import { InstanceReader, InstanceView } from '../../../../infrastructure/persistence/read/instance-reader';
import { InstanceStore } from '../../../../infrastructure/persistence/repositories/instance-store';
import { TaskVariableRepository } from '../../../../infrastructure/persistence/repositories/task-variable.repository';
import { VariableOwner } from '../commands/update-variables.command';
import { ExecutionLocator } from '../queries/execution-locator';
import { executionOf, scopeChain } from '../queries/executions';
import { VariableTarget } from './variable-targets';

interface OpenTask {
  readonly view: InstanceView;
  readonly executionId: string;
}

/**
 * Finds the owner of a Camunda variable resource and reads its variables. An owner that does not exist (an
 * ended instance, a completed task, or one of a tenant the caller may not see) is null.
 */
@Injectable()
export class VariableOwnerReader {
  constructor(
    private readonly locator: ExecutionLocator,
    private readonly reader: InstanceReader,
    private readonly store: InstanceStore,
    private readonly taskVariables: TaskVariableRepository,
  ) {}

  /** The variables the resource shows, or null when its owner does not exist. */
  async variables(sql: Sql, target: VariableTarget, id: string): Promise<Record<string, TypedValue> | null> {
    switch (target.owner) {
      case 'process instance': {
        const view = await this.reader.instance(sql, id);
        if (!view || view.state !== 'running' || !canSeeTenant(view.tenantId)) return null;
        return (await this.reader.variables(sql, [id])).get(id) ?? {};
      }
      case 'execution': {
        const found = await this.locator.find(sql, id);
        if (!found) return null;
        const pi = found.view.id;
        return (await this.reader.variables(sql, [pi], found.executionId === pi ? undefined : found.executionId)).get(pi) ?? {};
      }
      case 'task': {
        const task = await this.openTask(sql, id);
        if (!task) return null;
        const locals = await this.taskVariables.variables(sql, id);
        return target.local ? locals : { ...(await this.visibleFrom(sql, task)), ...locals };
      }
    }
  }

  /** Where a write to the resource starts, or null when its owner does not exist. */
  async owner(sql: Sql, target: VariableTarget, id: string): Promise<VariableOwner | null> {
    switch (target.owner) {
      case 'process instance':
        return { kind: 'execution', processInstanceId: id, executionId: id };
      case 'execution': {
        const found = await this.locator.find(sql, id);
        return found ? { kind: 'execution', processInstanceId: found.view.id, executionId: id } : null;
      }
      case 'task': {
        const [task] = await sql.query<{ process_instance_id: string }>('SELECT process_instance_id FROM user_task WHERE id = ?', [id]);
        return task ? { kind: 'task', processInstanceId: task.process_instance_id, taskId: id } : null;
      }
    }
  }

  private async openTask(sql: Sql, taskId: string): Promise<OpenTask | null> {
    const [task] = await sql.query<{ process_instance_id: string; execution_id: string }>(
      'SELECT process_instance_id, execution_id FROM user_task WHERE id = ?',
      [taskId],
    );
    const view = task ? await this.reader.instance(sql, task.process_instance_id) : null;
    if (!task || !view || view.state !== 'running' || !canSeeTenant(view.tenantId)) return null;
    return { view, executionId: executionOf(view.snapshot, task.execution_id) };
  }

  /** What a task's execution sees: its variables and those of every enclosing one, inner scopes shadowing outer. */
  private async visibleFrom(sql: Sql, task: OpenTask): Promise<Record<string, TypedValue>> {
    const chain = scopeChain(task.view.snapshot, task.executionId);
    const records = await this.store.variables(sql, task.view.id);
    const result: Record<string, TypedValue> = {};
    for (const scope of chain) {
      for (const r of records.filter((v) => v.scopeId === scope).sort((a, b) => a.name.localeCompare(b.name))) {
        Object.defineProperty(result, r.name, { value: r.value, enumerable: true, writable: true, configurable: true });
      }
    }
    return result;
  }
}
