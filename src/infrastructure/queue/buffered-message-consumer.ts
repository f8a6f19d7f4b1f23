import { Injectable } from '@nestjs/common';

import { Engine, RunContext, checkCriteria } from '../../engine';
import { Tx } from '../persistence/database';
import { BufferedMessageRepository } from '../persistence/repositories/buffered-message.repository';
import { LoadedInstance } from '../persistence/repositories/instance-store';

/**
 * When a run opened subscriptions, buffered messages of those names are offered to them in the same
 * transaction, oldest first, with the full matching vocabulary checked against the instance as it is now.
 * A message that matches is taken out of the buffer (exactly once, even with concurrent takers) and
 * delivered, and the run continues, which may open further subscriptions that are offered in turn. A
 * subscription that stays open after a trigger (non-interrupting events) is offered the next messages too.
 */
@Injectable()
export class BufferedMessageConsumer {
  constructor(
    private readonly buffer: BufferedMessageRepository,
    private readonly engine: Engine,
  ) {}

  async deliverTo(tx: Tx, loaded: LoadedInstance, ctx: RunContext, now: number): Promise<number> {
    let delivered = 0;
    for (let next = 0; next < ctx.effects.subscriptionsOpened.length; next++) {
      const sub = ctx.effects.subscriptionsOpened[next];
      if (!ctx.state.subscriptions[sub.id] || ctx.state.status !== 'running') continue;
      const scope = ctx.scopeOf(sub.ownerId);
      for (const message of await this.buffer.candidates(tx, sub.messageName, now)) {
        const reach = message.criteria.visibleTenants;
        if (reach && loaded.row.tenantId && !reach.includes(loaded.row.tenantId)) continue;
        // A non-interrupting event (event subprocess, boundary event) keeps its subscription: it takes every matching message.
        if (!ctx.state.subscriptions[sub.id] || ctx.state.status !== 'running') break;
        const mismatches = checkCriteria(
          { messageName: message.messageName, ...message.criteria },
          {
            processInstanceId: loaded.row.id,
            businessKey: loaded.row.businessKey,
            tenantId: loaded.row.tenantId,
            variables: (name) => ctx.vars.valuesNamed(name),
            localVariable: (name) => ctx.vars.getLocal(scope, name),
          },
        );
        if (mismatches.length > 0 || !(await this.buffer.consume(tx, message.id))) continue;
        this.engine.trigger(ctx, sub.id, message.payload);
        ctx.effects.cause = { via: 'buffered message', messageName: message.messageName };
        this.engine.continue(ctx);
        delivered++;
      }
    }
    return delivered;
  }
}
