import { endUncaught, throwBpmnError } from '../../behaviours/event-definitions/error-event-definition';
import { EngineError, EngineErrorCode } from '../../errors/engine-error';
import { TypedValue } from '../../variables/typed-value';
import { ElementInstance, TaskRecord } from '../instance-state';
import { RunContext } from '../run-context';
import { transition } from '../token-lifecycle';

type Variables = Readonly<Record<string, TypedValue>> | undefined;

/**
 * A worker completed an external task: its variables are written (normal scoping; local ones on the
 * task's scope), boundary events stop listening, and the token moves on in the continuation.
 */
export function completeExternalTask(ctx: RunContext, taskId: string, variables: Variables, localVariables: Variables): void {
  const { task, instance } = openTask(ctx, taskId);
  const scope = ctx.scopeOf(instance.id);
  ctx.vars.setAll(scope, variables, false);
  ctx.vars.setAll(scope, localVariables, true);
  removeTask(ctx, task, instance);
  ctx.closeSubscriptions(instance.id);
  transition(instance, 'completing');
  ctx.schedule({ op: 'complete', instanceId: instance.id });
}

/**
 * A worker reported a BPMN error: it is thrown at the task. Caught, the boundary event's path continues;
 * uncaught, the task's token ends there (Camunda 7's default).
 */
export function reportBpmnError(ctx: RunContext, taskId: string, errorCode: string, errorMessage: string | undefined, variables: Variables): void {
  const { task, instance } = openTask(ctx, taskId);
  ctx.vars.setAll(ctx.scopeOf(instance.id), variables, false);
  removeTask(ctx, task, instance);
  if (!throwBpmnError(ctx, instance, { errorCode, errorMessage })) endUncaught(ctx, instance);
}

function openTask(ctx: RunContext, taskId: string): { task: TaskRecord; instance: ElementInstance } {
  const task = ctx.state.tasks[taskId];
  const instance = task ? ctx.instance(task.elementInstanceId) : undefined;
  if (!task || task.kind !== 'external' || !instance || instance.state !== 'active') {
    throw new EngineError(EngineErrorCode.NOT_FOUND, `External task with id ${taskId} does not exist`);
  }
  return { task, instance };
}

function removeTask(ctx: RunContext, task: TaskRecord, instance: ElementInstance): void {
  delete ctx.state.tasks[task.id];
  ctx.effects.tasksRemoved.push({ id: task.id, kind: 'external', reason: 'completed' });
  ctx.record({ kind: 'task-completed', elementId: task.elementId, elementInstanceId: instance.id, detail: { taskId: task.id } });
}
