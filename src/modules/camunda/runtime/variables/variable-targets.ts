/**
 * Camunda's variable resources (REST/sub/impl/AbstractVariablesResource and its subclasses): whose variables
 * they are, and whether only the owner's own (local) ones are read and written. The owner is also Camunda's
 * getResourceTypeName(), which appears in every message (§4.4): both task resources say "task".
 */
export interface VariableTarget {
  readonly owner: 'process instance' | 'execution' | 'task';
  readonly local: boolean;
}

/** /process-instance/{id}/variables: ExecutionVariablesResource on the instance (its root scope has no parent). */
export const PROCESS_INSTANCE_VARIABLES: VariableTarget = { owner: 'process instance', local: false };
/** /execution/{id}/localVariables: LocalExecutionVariablesResource. */
export const EXECUTION_LOCAL_VARIABLES: VariableTarget = { owner: 'execution', local: true };
/** /task/{id}/variables: TaskVariablesResource, what the task sees and non-local writes from it. */
export const TASK_VARIABLES: VariableTarget = { owner: 'task', local: false };
/** /task/{id}/localVariables: LocalTaskVariablesResource, the task's own scope. */
export const TASK_LOCAL_VARIABLES: VariableTarget = { owner: 'task', local: true };

/**
 * The engine's NullValueException text for an owner that does not exist (EnsureUtil: "<message>: <name> is
 * null"). Camunda's RemoveTaskVariablesCmd words its check differently from the other task commands.
 */
export function missingOwner(target: VariableTarget, id: string, removing = false): string {
  if (target.owner !== 'task') return `execution ${id} doesn't exist: execution is null`;
  return removing ? `Cannot find task with id ${id}: task is null` : `task ${id} doesn't exist: task is null`;
}
