import { ProcessModel } from './model/process-model';
import { emptyState, InstanceState } from './runtime/instance-state';
import { runAgenda } from './runtime/executor';
import { EngineEnvironment, RunContext } from './runtime/run-context';
import { cancelInstance, retryIncident } from './runtime/triggers/cancel-instance';
import { completeUserTask } from './runtime/triggers/complete-user-task';
import { completeExternalTask, reportBpmnError } from './runtime/triggers/external-task';
import { MessagePayload } from './runtime/triggers/message-payload';
import { StartOptions, startInstance } from './runtime/triggers/start-instance';
import { triggerSubscription } from './runtime/triggers/trigger-subscription';
import { VariableRecord, VariableScopes } from './runtime/variable-scopes';
import { SubscriptionRecord } from './runtime/instance-state';
import { TypedValue } from './variables/typed-value';

/**
 * The engine's surface for hosts. A host loads an instance (model, state, variables), opens a run,
 * applies one command, persists the run's state, variable changes and effects in one transaction, and
 * runs `continue` for the continuation work the command left on the agenda.
 */
export class Engine {
  constructor(readonly env: EngineEnvironment) {}

  open(model: ProcessModel, state: InstanceState, variables: readonly VariableRecord[]): RunContext {
    const vars = new VariableScopes(variables, state.transient, (scopeId) => state.elements[scopeId]?.parentId ?? null);
    return new RunContext(model, state, vars, this.env);
  }

  /** A run for a new instance, with the instance created and its start scheduled. */
  start(model: ProcessModel, processInstanceId: string, options: StartOptions = {}): RunContext {
    const ctx = this.open(model, emptyState(processInstanceId), []);
    startInstance(ctx, options);
    return ctx;
  }

  trigger(ctx: RunContext, subscriptionId: string, payload: MessagePayload = {}): SubscriptionRecord {
    return triggerSubscription(ctx, subscriptionId, payload);
  }

  completeTask(ctx: RunContext, taskId: string, variables?: Readonly<Record<string, TypedValue>>): void {
    completeUserTask(ctx, taskId, variables);
  }

  completeExternalTask(
    ctx: RunContext,
    taskId: string,
    variables?: Readonly<Record<string, TypedValue>>,
    localVariables?: Readonly<Record<string, TypedValue>>,
  ): void {
    completeExternalTask(ctx, taskId, variables, localVariables);
  }

  /** A BPMN error reported for an external task, caught by a matching error boundary event if there is one. */
  reportBpmnError(ctx: RunContext, taskId: string, errorCode: string, errorMessage?: string, variables?: Readonly<Record<string, TypedValue>>): void {
    reportBpmnError(ctx, taskId, errorCode, errorMessage, variables);
  }

  cancel(ctx: RunContext): void {
    cancelInstance(ctx);
  }

  retryIncident(ctx: RunContext, incidentId: string): void {
    retryIncident(ctx, incidentId);
  }

  /** Runs the agenda until every token waits or has ended. */
  continue(ctx: RunContext): void {
    runAgenda(ctx);
  }
}
