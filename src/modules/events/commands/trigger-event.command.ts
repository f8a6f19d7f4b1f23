import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../../common/errors/api-error';
import { Engine, TypedValue } from '../../../engine';
import { canSeeTenant } from '../../../infrastructure/auth/request-context';
import { Database } from '../../../infrastructure/persistence/database';
import { InstanceStore } from '../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';

export interface TriggerTarget {
  readonly subscriptionId: string;
  readonly processInstanceId: string;
}

/**
 * Triggers one waiting event in one transaction, through the same engine trigger as message
 * correlation: the subscription is consumed (or kept, for non-interrupting events), the variables
 * written, an interrupted scope cancelled, and the token's onward run left to the continuation.
 */
@Injectable()
export class TriggerEventCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(target: TriggerTarget, variables: Readonly<Record<string, TypedValue>>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const loaded = await this.store.load(tx, target.processInstanceId, { lock: true });
      // An instance of a tenant the caller may not see does not exist for it.
      if (loaded && !canSeeTenant(loaded.row.tenantId)) {
        throw new ApiError(ErrorCode.EVENT_NOT_FOUND, `No waiting event ${target.subscriptionId} in process instance ${target.processInstanceId}`);
      }
      // Re-checked under the instance lock: a concurrent trigger or message may have taken the event.
      if (!loaded || loaded.state.status !== 'running' || !loaded.state.subscriptions[target.subscriptionId]) {
        throw new ApiError(ErrorCode.EVENT_CONSUMED, `The event ${target.subscriptionId} was triggered or ended concurrently`);
      }
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      this.engine.trigger(ctx, target.subscriptionId, { processVariables: variables });
      ctx.effects.cause = { via: 'event trigger route' };
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      this.continuation.afterCommit(tx, saved.outboxId);
    });
  }
}
