import { Result, ok } from '../../errors/failure';
import { ElementInstance } from '../../runtime/instance-state';
import { RunContext } from '../../runtime/run-context';

/** Evaluates a sequence flow's condition in the scope of the token leaving through it. */
export function conditionHolds(ctx: RunContext, instance: ElementInstance, flowId: string): Result<boolean> {
  const condition = ctx.model.flows[flowId].condition;
  if (!condition) return ok(true);
  const result = ctx.env.expressions.evaluateCondition(condition, ctx.expressionContext(ctx.scopeOf(instance.id)));
  return result.ok ? result : { ok: false, failure: { ...result.failure, elementId: instance.elementId } };
}
