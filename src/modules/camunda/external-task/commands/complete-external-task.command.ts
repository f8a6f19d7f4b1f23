import { Injectable } from '@nestjs/common';

import { Engine, EngineError, EngineErrorCode, RunContext, TypedValue } from '../../../../engine';
import { Database } from '../../../../infrastructure/persistence/database';
import { InstanceStore } from '../../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';
import { removeOrphanedExternalTaskIncidents } from './external-task-incidents';
import { assertWorker, externalTaskNotFound, loadTaskWithInstance } from './external-task-lookup';

type Variables = Readonly<Record<string, TypedValue>> | undefined;

/**
 * The two ways a worker ends an external task, each one transaction as every command: the instance and
 * the task are loaded under lock, the worker id checked (lock expiry is not, as in Camunda), the engine
 * completes the task or throws the BPMN error at it, the run is saved (the task row goes with it, and so
 * does an incident its retries had raised), and the token's onward run is left to the continuation.
 * Both return the process instance id, for the caller to wait for the continuation.
 */
@Injectable()
export class CompleteExternalTaskCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  complete(id: string, workerId: string, variables: Variables, localVariables: Variables): Promise<string> {
    return this.run(id, workerId, `External Task ${id} cannot be completed by worker '${workerId}`, (ctx) =>
      this.engine.completeExternalTask(ctx, id, variables, localVariables),
    );
  }

  bpmnError(id: string, workerId: string, errorCode: string, errorMessage: string | null, variables: Variables): Promise<string> {
    return this.run(id, workerId, `Bpmn error of External Task ${id} cannot be reported by worker '${workerId}`, (ctx) =>
      this.engine.reportBpmnError(ctx, id, errorCode, errorMessage ?? undefined, variables),
    );
  }

  private run(id: string, workerId: string, wrongWorker: string, apply: (ctx: RunContext) => void): Promise<string> {
    return this.db.transaction(async (tx) => {
      const { task, loaded } = await loadTaskWithInstance(tx, this.store, id);
      assertWorker(task, workerId, wrongWorker);
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      try {
        apply(ctx);
      } catch (error) {
        if (error instanceof EngineError && error.code === EngineErrorCode.NOT_FOUND) throw externalTaskNotFound(id);
        throw error;
      }
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      await removeOrphanedExternalTaskIncidents(tx, task.processInstanceId);
      this.continuation.afterCommit(tx, saved.outboxId);
      return task.processInstanceId;
    });
  }
}
