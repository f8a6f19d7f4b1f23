import { EngineError, EngineErrorCode } from '../../errors/engine-error';
import { ProcessModel } from '../../model/process-model';
import { TypedValue } from '../../variables/typed-value';
import { RunContext } from '../run-context';

export interface StartOptions {
  /** Start at this start event (a none or message start event of the process). */
  readonly startEventId?: string;
  readonly variables?: Readonly<Record<string, TypedValue>>;
}

/**
 * Creates the process instance and schedules entering it. Start variables are written first, so the
 * first conditions already see them. Which start event: the one named, else the none start event,
 * else the only start event there is (Camunda 7 picks its "initial" activity the same way).
 */
export function startInstance(ctx: RunContext, options: StartOptions): void {
  const startEventId = options.startEventId ?? initialStartEvent(ctx.model);
  const start = ctx.model.elements[startEventId];
  if (!start || start.type !== 'startEvent' || start.parentId !== ctx.model.key) {
    throw new EngineError(
      EngineErrorCode.INVALID_ARGUMENT,
      `'${startEventId}' is not a start event of process '${ctx.model.key}'`,
    );
  }
  const root = ctx.createInstance(ctx.model.key, null, ctx.state.processInstanceId);
  ctx.vars.setAll(root.id, options.variables, true);
  ctx.schedule({ op: 'activate', instanceId: root.id, trigger: { startEventId } });
}

function initialStartEvent(model: ProcessModel): string {
  const root = model.elements[model.key];
  const none = root.noneStartEventIds ?? [];
  const message = root.messageStartEventIds ?? [];
  if (none.length === 1) return none[0];
  if (none.length === 0 && message.length === 1) return message[0];
  throw new EngineError(
    EngineErrorCode.INVALID_ARGUMENT,
    `Process '${model.key}' has no none start event and several message start events; name the start event to use`,
  );
}
