import { CONTAINER_TYPES, FlowNodeModel, ProcessModel, element } from '../model/process-model';
import { Clock } from '../ports/clock.port';
import { ExpressionContext, ExpressionEvaluator } from '../ports/expression-evaluator.port';
import { IdGenerator } from '../ports/id-generator.port';
import { toPlainValue } from '../variables/camunda-value-codec';
import { EngineEffects, HistoryEvent } from './engine-effects';
import { ElementInstance, InstanceState, Operation, SubscriptionRecord, joinKey } from './instance-state';
import { transition } from './token-lifecycle';
import { VariableScopes } from './variable-scopes';

/** The ports the engine needs from its host. */
export interface EngineEnvironment {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly expressions: ExpressionEvaluator;
  /** Upper bound on operations in one run, so a loop without a wait state becomes an incident, not a hang. */
  readonly maxStepsPerRun?: number;
}

/**
 * Everything one command or continuation works on: the model, the instance state, its variables and the
 * effects recorded for the host. Operations and behaviours change state only through these helpers.
 */
export class RunContext {
  readonly effects = new EngineEffects();

  constructor(
    readonly model: ProcessModel,
    readonly state: InstanceState,
    readonly vars: VariableScopes,
    readonly env: EngineEnvironment,
  ) {}

  now(): string {
    return this.env.clock.now().toISOString();
  }

  node(elementId: string): FlowNodeModel {
    return element(this.model, elementId);
  }

  instance(instanceId: string): ElementInstance | undefined {
    return this.state.elements[instanceId];
  }

  schedule(op: Operation): void {
    this.state.agenda.push(op);
  }

  record(event: Omit<HistoryEvent, 'at'>): void {
    this.effects.history.push({ ...event, at: this.now() });
  }

  /** A new token on an element, in state activating; its behaviour runs when the activate operation does. */
  createInstance(elementId: string, parentId: string | null, id = this.env.ids.next()): ElementInstance {
    const node = this.node(elementId);
    const created: ElementInstance = { id, elementId, type: node.type, parentId, state: 'activating', startedAt: this.now() };
    this.state.elements[id] = created;
    return created;
  }

  /** The variable scope an element instance reads and writes: the nearest (sub)process instance around it. */
  scopeOf(instanceId: string): string {
    let current = this.state.elements[instanceId];
    while (current && !CONTAINER_TYPES.has(current.type)) {
      if (current.parentId === null) break;
      current = this.state.elements[current.parentId];
    }
    return current?.id ?? this.state.processInstanceId;
  }

  children(scopeId: string): ElementInstance[] {
    return Object.values(this.state.elements).filter((e) => e.parentId === scopeId);
  }

  hasJoinTokens(scopeId: string): boolean {
    const prefix = joinKey(scopeId, '');
    return Object.entries(this.state.joins).some(
      ([key, counts]) => key.startsWith(prefix) && Object.values(counts).some((n) => n > 0),
    );
  }

  /** Tokens waiting at joins of a scope go when the scope's activities are cancelled. */
  clearJoins(scopeId: string): void {
    for (const key of Object.keys(this.state.joins)) {
      if (key.startsWith(joinKey(scopeId, ''))) delete this.state.joins[key];
    }
  }

  expressionContext(scopeId: string): ExpressionContext {
    const plain: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(this.vars.visible(scopeId))) plain[name] = toPlainValue(value);
    return plain;
  }

  subscriptionsOf(ownerId: string): SubscriptionRecord[] {
    return Object.values(this.state.subscriptions).filter((s) => s.ownerId === ownerId);
  }

  closeSubscriptions(ownerId: string, keep: (s: SubscriptionRecord) => boolean = () => false): void {
    for (const sub of this.subscriptionsOf(ownerId)) {
      if (keep(sub)) continue;
      delete this.state.subscriptions[sub.id];
      this.effects.subscriptionsClosed.push(sub);
      // A subscription that goes without its message (the other events after an event-based gateway, a
      // boundary event whose activity ended, an interrupted scope) is a step too: observers that follow
      // the waiting events would otherwise keep it. The one a message consumed says so already.
      const consumed = this.effects.history.some((h) => h.kind === 'subscription-consumed' && h.detail?.subscriptionId === sub.id);
      if (!consumed) this.record({ kind: 'subscription-closed', elementId: sub.elementId, elementInstanceId: ownerId, detail: { messageName: sub.messageName, subscriptionId: sub.id } });
    }
  }

  removeTasks(instanceId: string, reason: 'completed' | 'terminated'): void {
    for (const task of Object.values(this.state.tasks)) {
      if (task.elementInstanceId !== instanceId) continue;
      delete this.state.tasks[task.id];
      this.effects.tasksRemoved.push({ id: task.id, kind: task.kind, reason });
    }
  }

  /** Ends an instance that completed: its wait states go, and a scope takes its local variables with it. */
  finish(instance: ElementInstance): void {
    transition(instance, 'completed');
    this.release(instance, 'completed');
    this.record({ kind: 'element-completed', elementId: instance.elementId, elementInstanceId: instance.id, elementType: instance.type, parentInstanceId: instance.parentId });
  }

  /**
   * Terminates an instance and everything inside it, removing every wait state they hold. The cause (which
   * event interrupted it, a terminate end event, a cancellation) is kept in the history of each one.
   */
  terminate(instanceId: string, cause: string): void {
    const instance = this.state.elements[instanceId];
    if (!instance) return;
    if (instance.state !== 'terminating') transition(instance, 'terminating');
    for (const child of this.children(instanceId)) this.terminate(child.id, cause);
    this.clearJoins(instanceId);
    transition(instance, 'terminated');
    this.release(instance, 'terminated');
    this.record({
      kind: 'element-terminated',
      elementId: instance.elementId,
      elementInstanceId: instance.id,
      elementType: instance.type,
      parentInstanceId: instance.parentId,
      detail: { cause },
    });
  }

  private release(instance: ElementInstance, reason: 'completed' | 'terminated'): void {
    this.closeSubscriptions(instance.id);
    this.removeTasks(instance.id, reason);
    for (const incident of Object.values(this.state.incidents)) {
      if (incident.elementInstanceId !== instance.id) continue;
      delete this.state.incidents[incident.id];
      this.effects.incidentsResolved.push(incident.id);
    }
    delete this.state.elements[instance.id];
    if (CONTAINER_TYPES.has(instance.type) && instance.parentId !== null) this.vars.dropScope(instance.id);
  }
}
