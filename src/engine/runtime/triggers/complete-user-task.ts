import { EngineError, EngineErrorCode } from '../../errors/engine-error';
import { TypedValue } from '../../variables/typed-value';
import { RunContext } from '../run-context';
import { transition } from '../token-lifecycle';

/**
 * Completes a user task. Its variables are written with normal scoping (as Camunda's task complete does),
 * boundary events of the task stop listening, and the token's onward run is continuation work.
 */
export function completeUserTask(ctx: RunContext, taskId: string, variables?: Readonly<Record<string, TypedValue>>): void {
  const task = ctx.state.tasks[taskId];
  const instance = task ? ctx.instance(task.elementInstanceId) : undefined;
  if (!task || task.kind !== 'user' || !instance || instance.state !== 'active') {
    throw new EngineError(EngineErrorCode.NOT_FOUND, `Cannot find task with id ${taskId}`);
  }
  ctx.vars.setAll(ctx.scopeOf(instance.id), variables, false);
  delete ctx.state.tasks[taskId];
  ctx.effects.tasksRemoved.push({ id: taskId, kind: 'user', reason: 'completed' });
  ctx.record({ kind: 'task-completed', elementId: task.elementId, elementInstanceId: instance.id, detail: { taskId } });
  ctx.closeSubscriptions(instance.id);
  transition(instance, 'completing');
  ctx.schedule({ op: 'complete', instanceId: instance.id });
}
