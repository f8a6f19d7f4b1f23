import { Failure, Result } from '../errors/failure';
import { IncidentRecord, Operation } from './instance-state';
import { activateElement } from './operations/activate-element.operation';
import { checkScope } from './operations/check-scope.operation';
import { completeElement } from './operations/complete-element.operation';
import { RunContext } from './run-context';

const DEFAULT_MAX_STEPS = 10_000;

/**
 * Runs the agenda until every token waits or has ended. An operation that fails is taken off the agenda
 * and kept as an incident, with its token left where it was; the other tokens go on.
 */
export function runAgenda(ctx: RunContext): void {
  const maxSteps = ctx.env.maxStepsPerRun ?? DEFAULT_MAX_STEPS;
  let steps = 0;
  while (ctx.state.agenda.length > 0) {
    const op = ctx.state.agenda.shift()!;
    if (++steps > maxSteps) {
      park(ctx, op, {
        kind: 'UNHANDLED_ERROR',
        message: `More than ${maxSteps} steps without reaching a wait state; the model probably loops without one`,
      });
      continue;
    }
    const result = apply(ctx, op);
    if (!result.ok) park(ctx, op, result.failure);
  }
  ctx.vars.clearTransient();
}

function apply(ctx: RunContext, op: Operation): Result<void> {
  switch (op.op) {
    case 'activate':
      return activateElement(ctx, op.instanceId, op.trigger);
    case 'complete':
      return completeElement(ctx, op.instanceId);
    case 'check-scope':
      return checkScope(ctx, op.scopeId);
  }
}

function park(ctx: RunContext, op: Operation, failure: Failure): void {
  const instanceId = op.op === 'check-scope' ? op.scopeId : op.instanceId;
  const instance = ctx.instance(instanceId);
  const incident: IncidentRecord = {
    id: ctx.env.ids.next(),
    elementId: failure.elementId ?? instance?.elementId ?? '',
    elementInstanceId: instance?.id,
    failure,
    operation: op,
    createdAt: ctx.now(),
  };
  ctx.state.incidents[incident.id] = incident;
  ctx.effects.incidents.push(incident);
  ctx.record({ kind: 'incident-created', elementId: incident.elementId, elementInstanceId: incident.elementInstanceId, detail: { message: failure.message } });
}
