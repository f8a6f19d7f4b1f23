import { Result, ok } from '../../errors/failure';
import { RunContext } from '../run-context';
import { transition } from '../token-lifecycle';

/**
 * A scope with no tokens left (none on its elements, none waiting at a join) completes. Subscriptions of
 * its event subprocesses do not keep it alive. The process instance completing ends the instance.
 */
export function checkScope(ctx: RunContext, scopeId: string): Result<void> {
  const scope = ctx.instance(scopeId);
  if (!scope || scope.state !== 'active') return ok(undefined);
  if (ctx.children(scopeId).length > 0 || ctx.hasJoinTokens(scopeId)) return ok(undefined);
  if (scope.parentId !== null) {
    ctx.schedule({ op: 'complete', instanceId: scope.id });
    return ok(undefined);
  }
  transition(scope, 'completing');
  ctx.finish(scope);
  ctx.state.status = 'completed';
  ctx.effects.ended = 'completed';
  return ok(undefined);
}
