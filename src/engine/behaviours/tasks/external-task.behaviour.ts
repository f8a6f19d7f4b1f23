import { ElementBehaviour } from '../element-behaviour';
import { waitHere } from '../pass-through';

/**
 * A service task implemented as an external task (camunda:type="external"): the engine publishes a unit
 * of work on a topic and waits until a worker fetches, locks and completes it (or reports a BPMN error).
 */
export const externalTaskBehaviour: ElementBehaviour = {
  activate(ctx, instance) {
    const node = ctx.node(instance.elementId);
    const id = ctx.env.ids.next();
    ctx.state.tasks[id] = { id, kind: 'external', elementInstanceId: instance.id, elementId: node.id };
    ctx.effects.tasksCreated.push({
      id,
      kind: 'external',
      elementInstanceId: instance.id,
      elementId: node.id,
      name: node.name,
      createdAt: ctx.now(),
      externalTask: node.externalTask,
    });
    ctx.record({ kind: 'task-created', elementId: node.id, elementInstanceId: instance.id, detail: { taskId: id, topic: node.externalTask?.topic } });
    return waitHere(instance);
  },
};
