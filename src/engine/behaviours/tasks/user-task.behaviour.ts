import { ElementBehaviour } from '../element-behaviour';
import { waitHere } from '../pass-through';

/** A user task waits until a person completes it; the task record is what task lists show. */
export const userTaskBehaviour: ElementBehaviour = {
  activate(ctx, instance) {
    const node = ctx.node(instance.elementId);
    const id = ctx.env.ids.next();
    ctx.state.tasks[id] = { id, kind: 'user', elementInstanceId: instance.id, elementId: node.id };
    ctx.effects.tasksCreated.push({
      id,
      kind: 'user',
      elementInstanceId: instance.id,
      elementId: node.id,
      name: node.name,
      createdAt: ctx.now(),
      userTask: node.userTask,
    });
    ctx.record({ kind: 'task-created', elementId: node.id, elementInstanceId: instance.id, detail: { taskId: id } });
    return waitHere(instance);
  },
};
