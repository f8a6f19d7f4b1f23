import { Injectable } from '@nestjs/common';

import { Engine, TypedValue } from '../../../../engine';
import { canSeeTenant } from '../../../../infrastructure/auth/request-context';
import { Database, Sql } from '../../../../infrastructure/persistence/database';
import { InstanceStore } from '../../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';

/** The execution holds no subscription to the message (or none that is still open, or does not exist). */
export class NoMessageSubscription extends Error {}

/** The execution holds several subscriptions to the message; Camunda refuses to pick one. */
export class SeveralMessageSubscriptions extends Error {}

/**
 * Camunda's messageEventReceived(messageName, executionId, variables): delivers a message to the one
 * subscription of that name the execution holds, in one transaction under the instance lock. The
 * variables are written with normal scoping from the waiting execution; moving the token on is
 * continuation work. Returns the process instance, so the caller can wait for it to settle.
 */
@Injectable()
export class TriggerMessageSubscriptionCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(executionId: string, messageName: string, variables?: Readonly<Record<string, TypedValue>>): Promise<string> {
    return this.db.transaction(async (tx) => {
      const processInstanceId = await this.instanceOf(tx, executionId, messageName);
      const loaded = processInstanceId ? await this.store.load(tx, processInstanceId, { lock: true }) : null;
      // An execution of a tenant the caller may not see does not exist for it.
      if (!loaded || loaded.state.status !== 'running' || !canSeeTenant(loaded.row.tenantId)) throw new NoMessageSubscription();
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      // Matched again from the locked state: a concurrent trigger may have consumed the subscription.
      const subscriptions = Object.values(ctx.state.subscriptions).filter(
        (s) => s.messageName === messageName && ctx.instance(s.ownerId) !== undefined && ctx.scopeOf(s.ownerId) === executionId,
      );
      if (subscriptions.length === 0) throw new NoMessageSubscription();
      if (subscriptions.length > 1) throw new SeveralMessageSubscriptions();
      this.engine.trigger(ctx, subscriptions[0].id, { processVariables: variables });
      ctx.effects.cause = { via: 'POST /engine-rest/execution/{id}/messageSubscriptions/{name}/trigger', messageName };
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      this.continuation.afterCommit(tx, saved.outboxId);
      return loaded.row.id;
    });
  }

  /** The instance an execution belongs to: itself when it is a process instance, else found through the subscription. */
  private async instanceOf(tx: Sql, executionId: string, messageName: string): Promise<string | null> {
    const [instance] = await tx.query<{ id: string }>('SELECT id FROM process_instance WHERE id = ?', [executionId]);
    if (instance) return instance.id;
    const [row] = await tx.query<{ process_instance_id: string }>(
      "SELECT process_instance_id FROM event_subscription WHERE scope_id = ? AND event_name = ? AND event_type = 'message' AND process_instance_id IS NOT NULL LIMIT 1",
      [executionId, messageName],
    );
    return row?.process_instance_id ?? null;
  }
}
