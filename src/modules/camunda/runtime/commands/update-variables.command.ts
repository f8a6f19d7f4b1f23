import { Injectable } from '@nestjs/common';

import { Engine, RunContext, TypedValue } from '../../../../engine';
import { canSeeTenant } from '../../../../infrastructure/auth/request-context';
import { Database, Tx } from '../../../../infrastructure/persistence/database';
import { InstanceStore, LoadedInstance } from '../../../../infrastructure/persistence/repositories/instance-store';
import { TaskVariableRepository } from '../../../../infrastructure/persistence/repositories/task-variable.repository';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';
import { executionOf, isExecution, parentExecution } from '../queries/executions';

/** The execution does not exist (or its instance has ended): Camunda's "execution <id> doesn't exist". */
export class ExecutionNotFound extends Error {}

/** The user task does not exist (completed, or its instance ended): Camunda's "task <id> doesn't exist". */
export class UserTaskNotFound extends Error {}

/**
 * Where a write starts: an execution (the process instance itself or a (sub)process scope of it), or a
 * user task, whose own variable scope sits inside its execution as in Camunda.
 */
export type VariableOwner =
  | { readonly kind: 'execution'; readonly processInstanceId: string; readonly executionId: string }
  | { readonly kind: 'task'; readonly processInstanceId: string; readonly taskId: string };

export interface VariableUpdate {
  readonly owner: VariableOwner;
  /** Local writes stay on the owner; otherwise Camunda's scoping (§2.8) applies, starting at the owner. */
  readonly local: boolean;
  readonly modifications?: Readonly<Record<string, TypedValue>>;
  readonly deletions?: readonly string[];
}

/** A user task as a variable scope: its local variables, inside the execution that holds the task. */
interface TaskScope {
  readonly id: string;
  readonly processInstanceId: string;
  readonly executionId: string;
  readonly locals: Record<string, TypedValue>;
}

/**
 * Sets and removes variables of a running instance in one transaction, under the instance lock, as
 * Camunda's Patch*VariablesCmd does: modifications first, then deletions. Execution variables go through
 * the engine's variable scopes; a task's local variables live in their own table (Camunda's correlation
 * keys and variable queries never see them), and a non-local write from a task updates the task's own
 * variable of that name first, as Camunda's TaskEntity does. Nothing runs, so a transient value would
 * vanish with the command; it is not written at all.
 */
@Injectable()
export class UpdateVariablesCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly taskVariables: TaskVariableRepository,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(update: VariableUpdate): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { owner } = update;
      const loaded = await this.store.load(tx, owner.processInstanceId, { lock: true });
      // An instance of a tenant the caller may not see does not exist for it.
      const running = loaded !== null && loaded.state.status === 'running' && canSeeTenant(loaded.row.tenantId) ? loaded : null;
      const task = owner.kind === 'task' ? await this.taskScope(tx, running, owner.taskId) : null;
      const executionId = owner.kind === 'task' ? task!.executionId : owner.executionId;
      if (!running || !isExecution(running.state, executionId)) throw new ExecutionNotFound(`execution ${executionId} doesn't exist`);

      const now = Date.now();
      const ctx = this.engine.open(running.model, running.state, running.variables);
      // The task's own scope takes a write when it is local, or when the task already has the name.
      const onTask = (name: string) => task !== null && (update.local || Object.prototype.hasOwnProperty.call(task.locals, name));
      for (const [name, value] of Object.entries(update.modifications ?? {})) {
        if (value.valueInfo?.transient) continue;
        if (onTask(name)) await this.taskVariables.set(tx, task!, name, value, now);
        else if (update.local) ctx.vars.setLocal(executionId, name, value);
        else ctx.vars.set(executionId, name, value);
      }
      for (const name of update.deletions ?? []) {
        if (onTask(name)) {
          await this.taskVariables.delete(tx, task!.id, name);
          delete task!.locals[name];
        } else if (update.local) ctx.vars.delete(executionId, name);
        else removeNearest(ctx, executionId, name);
      }
      const saved = await this.store.save(tx, running, ctx, now);
      this.continuation.afterCommit(tx, saved.outboxId);
    });
  }

  /** The open user task of a loaded instance, with its local variables; not found once it completed. */
  private async taskScope(tx: Tx, loaded: LoadedInstance | null, taskId: string): Promise<TaskScope> {
    const task = loaded?.state.tasks[taskId];
    const element = task ? loaded!.state.elements[task.elementInstanceId] : undefined;
    if (!loaded || !task || task.kind !== 'user' || element?.state !== 'active') throw new UserTaskNotFound(`task ${taskId} doesn't exist`);
    return {
      id: taskId,
      processInstanceId: loaded.row.id,
      executionId: executionOf(loaded.state, task.elementInstanceId),
      locals: await this.taskVariables.variables(tx, taskId),
    };
  }
}

/** A non-local removal takes the variable from the nearest scope, from the execution outwards, that has it. */
function removeNearest(ctx: RunContext, executionId: string, name: string): void {
  for (let scope: string | null = executionId; scope !== null; scope = parentExecution(ctx.state, scope)) {
    if (ctx.vars.getLocal(scope, name) !== undefined) {
      ctx.vars.delete(scope, name);
      return;
    }
  }
}
