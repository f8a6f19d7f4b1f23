import { Result, fail, ok } from '../../errors/failure';
import { FlowNodeModel } from '../../model/process-model';
import { isExpression } from '../../parser/model-validator';
import { ElementInstance, SubscriptionKind, SubscriptionRecord } from '../../runtime/instance-state';
import { RunContext } from '../../runtime/run-context';

/**
 * The one place where a message subscription opens, whatever waits for the message: an intermediate catch
 * event, a receive task, a boundary event, an event-subprocess start or an event-based gateway. Anything
 * that must happen whenever a wait state opens (such as checking buffered messages) hooks in here or on
 * the `subscriptionsOpened` effect it records.
 *
 * A message name written as an expression is resolved now, against the variables visible to the owner,
 * as Camunda 7 does when it creates the subscription.
 */
export function openMessageSubscription(
  ctx: RunContext,
  owner: ElementInstance,
  catching: FlowNodeModel,
  kind: SubscriptionKind,
): Result<SubscriptionRecord> {
  const def = catching.eventDefinition;
  if (def?.kind !== 'message') return fail('UNHANDLED_ERROR', `'${catching.id}' has no message to wait for`, catching.id);
  let messageName = def.messageName;
  if (isExpression(messageName)) {
    const evaluated = ctx.env.expressions.evaluate(messageName, ctx.expressionContext(ctx.scopeOf(owner.id)));
    if (!evaluated.ok) return { ok: false, failure: { ...evaluated.failure, elementId: catching.id } };
    messageName = String(evaluated.value);
  }
  const subscription: SubscriptionRecord = {
    id: ctx.env.ids.next(),
    kind,
    messageName,
    elementId: catching.id,
    ownerId: owner.id,
    interrupting: kind === 'boundary' ? catching.cancelActivity !== false : kind === 'event-subprocess' ? catching.isInterrupting !== false : false,
    createdAt: ctx.now(),
  };
  ctx.state.subscriptions[subscription.id] = subscription;
  ctx.effects.subscriptionsOpened.push(subscription);
  ctx.record({ kind: 'subscription-opened', elementId: catching.id, elementInstanceId: owner.id, detail: { messageName, subscriptionId: subscription.id } });
  return ok(subscription);
}

/** Boundary events of an activity start listening when the activity is entered. */
export function openBoundarySubscriptions(ctx: RunContext, host: ElementInstance): Result<void> {
  for (const boundaryId of ctx.node(host.elementId).boundaryEventIds ?? []) {
    const boundary = ctx.node(boundaryId);
    if (boundary.eventDefinition?.kind !== 'message') continue;
    const opened = openMessageSubscription(ctx, host, boundary, 'boundary');
    if (!opened.ok) return opened;
  }
  return ok(undefined);
}
