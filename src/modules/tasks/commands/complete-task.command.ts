import { Injectable } from '@nestjs/common';

import { Engine, TypedValue } from '../../../engine';
import { canSeeTenant } from '../../../infrastructure/auth/request-context';
import { Database } from '../../../infrastructure/persistence/database';
import { InstanceRow, InstanceStore } from '../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';

export class TaskNotFound extends Error {}

/**
 * Completes a user task in one transaction: the variables are written, the task row removed and the
 * token's onward run left to the continuation. Returns the instance, or throws TaskNotFound.
 */
@Injectable()
export class CompleteTaskCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(taskId: string, variables: Readonly<Record<string, TypedValue>>): Promise<InstanceRow> {
    return this.db.transaction(async (tx) => {
      const [task] = await tx.query<{ process_instance_id: string }>('SELECT process_instance_id FROM user_task WHERE id = ?', [taskId]);
      if (!task) throw new TaskNotFound(`Cannot find task with id ${taskId}`);
      const loaded = await this.store.load(tx, task.process_instance_id, { lock: true });
      // Re-check under the lock: a concurrent completion or cancellation may have removed the task.
      // A task of a tenant the caller may not see does not exist for it.
      if (!loaded || !canSeeTenant(loaded.row.tenantId) || !loaded.state.tasks[taskId]) throw new TaskNotFound(`Cannot find task with id ${taskId}`);
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      this.engine.completeTask(ctx, taskId, variables);
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      this.continuation.afterCommit(tx, saved.outboxId);
      return loaded.row;
    });
  }
}
