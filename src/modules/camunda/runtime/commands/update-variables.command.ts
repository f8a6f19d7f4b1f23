import { Injectable } from '@nestjs/common';

import { Engine, RunContext, TypedValue } from '../../../../engine';
import { canSeeTenant } from '../../../../infrastructure/auth/request-context';
import { Database } from '../../../../infrastructure/persistence/database';
import { InstanceStore } from '../../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';
import { isExecution, parentExecution } from '../queries/executions';

/** The execution does not exist (or its instance has ended): Camunda's "execution <id> doesn't exist". */
export class ExecutionNotFound extends Error {}

export interface VariableUpdate {
  readonly processInstanceId: string;
  /** The execution written on: the process instance itself or a (sub)process scope of it. */
  readonly executionId: string;
  /** Local writes stay on the execution; otherwise Camunda's scoping (§2.8) applies. */
  readonly local: boolean;
  readonly modifications?: Readonly<Record<string, TypedValue>>;
  readonly deletions?: readonly string[];
}

/**
 * Sets and removes variables of a running instance in one transaction, under the instance lock, as
 * Camunda's PatchExecutionVariablesCmd does: modifications first, then deletions. Nothing runs, so a
 * transient value would vanish with the command; it is not written at all.
 */
@Injectable()
export class UpdateVariablesCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(update: VariableUpdate): Promise<void> {
    await this.db.transaction(async (tx) => {
      const loaded = await this.store.load(tx, update.processInstanceId, { lock: true });
      // An execution of a tenant the caller may not see does not exist for it.
      if (!loaded || loaded.state.status !== 'running' || !canSeeTenant(loaded.row.tenantId) || !isExecution(loaded.state, update.executionId)) {
        throw new ExecutionNotFound(`execution ${update.executionId} doesn't exist`);
      }
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      for (const [name, value] of Object.entries(update.modifications ?? {})) {
        if (value.valueInfo?.transient) continue;
        if (update.local) ctx.vars.setLocal(update.executionId, name, value);
        else ctx.vars.set(update.executionId, name, value);
      }
      for (const name of update.deletions ?? []) {
        if (update.local) ctx.vars.delete(update.executionId, name);
        else removeNearest(ctx, update.executionId, name);
      }
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      this.continuation.afterCommit(tx, saved.outboxId);
    });
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
