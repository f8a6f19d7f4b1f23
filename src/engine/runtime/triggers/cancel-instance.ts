import { EngineError, EngineErrorCode } from '../../errors/engine-error';
import { RunContext } from '../run-context';

/** Cancels a running instance: every token, task and subscription goes, and pending work is dropped. */
export function cancelInstance(ctx: RunContext): void {
  if (ctx.state.status !== 'running') {
    throw new EngineError(EngineErrorCode.INVALID_STATE, `Process instance ${ctx.state.processInstanceId} is not running`);
  }
  ctx.terminate(ctx.state.processInstanceId, 'process instance cancelled');
  ctx.state.agenda.length = 0;
  ctx.state.status = 'terminated';
  ctx.effects.ended = 'terminated';
}

/** Puts the operation an incident parked back on the agenda, to be retried by the next continuation. */
export function retryIncident(ctx: RunContext, incidentId: string): void {
  const incident = ctx.state.incidents[incidentId];
  if (!incident) throw new EngineError(EngineErrorCode.NOT_FOUND, `Incident ${incidentId} does not exist`);
  delete ctx.state.incidents[incidentId];
  ctx.effects.incidentsResolved.push(incidentId);
  ctx.schedule(incident.operation);
}
