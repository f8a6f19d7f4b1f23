import { Result } from '../errors/failure';
import { ElementInstance, TriggerData } from '../runtime/instance-state';
import { RunContext } from '../runtime/run-context';

/**
 * What one kind of BPMN element does. The shared lifecycle (creating tokens, taking flows, completing
 * scopes) lives in the operations; a behaviour only decides what is particular to its element.
 */
export interface ElementBehaviour {
  /**
   * A token entered the element. The behaviour either finishes at once (schedules completion), waits
   * (opens a subscription or creates a task and marks the instance active), or starts children.
   */
  activate(ctx: RunContext, instance: ElementInstance, trigger?: TriggerData): Result<void>;

  /**
   * The sequence flows to take when the element completes. Without this hook the generic rule applies:
   * every unconditional flow and every flow whose condition holds, else the default flow.
   */
  outgoing?(ctx: RunContext, instance: ElementInstance): Result<readonly string[]>;
}
