import {
  BpmnParser,
  CorrelationSet,
  EXECUTABLE_TYPES,
  Engine,
  ExecutionTarget,
  FeelExpressionEvaluator,
  HistoryEvent,
  InstanceState,
  MessagePayload,
  ProcessModel,
  RunContext,
  StartTarget,
  TypedValue,
  VariableRecord,
  decideCorrelation,
  formatProblem,
  fromPlainJson,
  messageStartEvents,
  typedValuesEqual,
} from '../../../src/engine';

/**
 * An in-memory host for engine scenarios: no Nest, no database. It keeps instances and variables in maps,
 * runs every continuation right after its command (as the in-process driver does), and records the
 * history of each instance so scenarios can assert the exact sequence of steps.
 */
export class EngineHarness {
  private readonly expressions = new FeelExpressionEvaluator();
  private readonly parser = new BpmnParser(EXECUTABLE_TYPES, this.expressions);
  private seq = 0;
  private clockMs = Date.parse('2024-01-01T00:00:00.000Z');
  readonly engine = new Engine({
    clock: { now: () => new Date(this.clockMs) },
    ids: { next: () => `id${++this.seq}` },
    expressions: this.expressions,
  });
  readonly models = new Map<string, ProcessModel>();
  readonly instances = new Map<string, { model: ProcessModel; state: InstanceState; variables: VariableRecord[]; businessKey?: string }>();
  readonly history = new Map<string, HistoryEvent[]>();

  async deploy(xml: string): Promise<ProcessModel[]> {
    const outcome = await this.parser.parse(xml);
    if (outcome.problems.length) throw new Error(outcome.problems.map(formatProblem).join('\n'));
    for (const model of outcome.processes) this.models.set(model.key, model);
    return [...outcome.processes];
  }

  start(key: string, variables: Record<string, unknown> = {}, options: { startEventId?: string; businessKey?: string } = {}): string {
    const model = this.model(key);
    const id = `pi${++this.seq}`;
    const ctx = this.engine.start(model, id, { startEventId: options.startEventId, variables: typed(variables) });
    this.instances.set(id, { model, state: ctx.state, variables: [], businessKey: options.businessKey });
    this.commit(id, ctx);
    return id;
  }

  /** Correlates like POST /message: waiting executions first, then message start events. */
  correlate(set: CorrelationSet & { all?: boolean }, payload: MessagePayload = {}): string[] {
    const executions = this.matchExecutions(set);
    const starts = this.matchStarts(set);
    const outcome = decideCorrelation(executions, starts, set.all ?? false);
    if (!outcome.ok) throw new Error(`correlation failed: ${outcome.reason}`);
    const touched: string[] = [];
    for (const target of outcome.targets) {
      if (target.kind === 'execution') {
        const run = this.open(target.processInstanceId);
        this.engine.trigger(run, target.subscriptionId, payload);
        this.commit(target.processInstanceId, run);
        touched.push(target.processInstanceId);
      } else {
        const variables = { ...payload.processVariables, ...payload.processVariablesLocal, ...payload.processVariablesToTriggeredScope };
        const id = `pi${++this.seq}`;
        const model = this.model(target.processDefinitionKey);
        const ctx = this.engine.start(model, id, { startEventId: target.elementId, variables });
        this.instances.set(id, { model, state: ctx.state, variables: [], businessKey: set.businessKey });
        this.commit(id, ctx);
        touched.push(id);
      }
    }
    return touched;
  }

  /** Sends a message with plain JSON variables, the way most scenarios want it. */
  message(messageName: string, criteria: Omit<CorrelationSet, 'messageName'> = {}, variables: Record<string, unknown> = {}): string[] {
    return this.correlate({ messageName, ...criteria }, { processVariables: typed(variables) });
  }

  completeTask(instanceId: string, elementId: string, variables: Record<string, unknown> = {}): void {
    const run = this.open(instanceId);
    const task = Object.values(run.state.tasks).find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no open task '${elementId}' in ${instanceId}`);
    this.engine.completeTask(run, task.id, typed(variables));
    this.commit(instanceId, run);
  }

  /** Completes the open external task of an element, as a worker would. */
  completeExternal(instanceId: string, elementId: string, variables: Record<string, unknown> = {}): void {
    const run = this.open(instanceId);
    this.engine.completeExternalTask(run, this.externalTask(run, elementId), typed(variables));
    this.commit(instanceId, run);
  }

  /** Reports a BPMN error for the open external task of an element, as a worker would. */
  bpmnError(instanceId: string, elementId: string, errorCode: string, errorMessage?: string): void {
    const run = this.open(instanceId);
    this.engine.reportBpmnError(run, this.externalTask(run, elementId), errorCode, errorMessage);
    this.commit(instanceId, run);
  }

  externalTasks(instanceId: string): string[] {
    return Object.values(this.state(instanceId).tasks).filter((t) => t.kind === 'external').map((t) => t.elementId).sort();
  }

  private externalTask(run: RunContext, elementId: string): string {
    const task = Object.values(run.state.tasks).find((t) => t.kind === 'external' && t.elementId === elementId);
    if (!task) throw new Error(`no open external task '${elementId}'`);
    return task.id;
  }

  cancel(instanceId: string): void {
    const run = this.open(instanceId);
    this.engine.cancel(run);
    this.commit(instanceId, run);
  }

  state(instanceId: string): InstanceState {
    return this.instances.get(instanceId)!.state;
  }

  /** Element ids holding a token (activities, events, gateways), sorted; scopes are left out. */
  activeElements(instanceId: string): string[] {
    const state = this.state(instanceId);
    return Object.values(state.elements)
      .filter((e) => !['process', 'subProcess', 'eventSubProcess'].includes(e.type))
      .map((e) => e.elementId)
      .sort();
  }

  /** Messages the instance waits for, as `elementId:messageName`, sorted. */
  waitingFor(instanceId: string): string[] {
    return Object.values(this.state(instanceId).subscriptions)
      .map((s) => `${s.elementId}:${s.messageName}`)
      .sort();
  }

  openTasks(instanceId: string): string[] {
    return Object.values(this.state(instanceId).tasks).filter((t) => t.kind === 'user').map((t) => t.elementId).sort();
  }

  variable(instanceId: string, name: string): unknown {
    return this.instances.get(instanceId)!.variables.find((v) => v.scopeId === instanceId && v.name === name)?.value.value;
  }

  /** The ids of elements in the order they completed (or were terminated, prefixed with `x:`). */
  trail(instanceId: string): string[] {
    return (this.history.get(instanceId) ?? [])
      .filter((e) => e.kind === 'element-completed' || e.kind === 'element-terminated')
      .map((e) => (e.kind === 'element-terminated' ? `x:${e.elementId}` : e.elementId!));
  }

  private open(instanceId: string): RunContext {
    const entry = this.instances.get(instanceId);
    if (!entry) throw new Error(`unknown instance ${instanceId}`);
    return this.engine.open(entry.model, structuredClone(entry.state), entry.variables);
  }

  /** Persists a command's result, then runs its continuation and persists that too. */
  private commit(instanceId: string, ctx: RunContext): void {
    this.persist(instanceId, ctx);
    if (ctx.state.agenda.length === 0) return;
    const run = this.open(instanceId);
    this.engine.continue(run);
    this.persist(instanceId, run);
  }

  private persist(instanceId: string, ctx: RunContext): void {
    const entry = this.instances.get(instanceId)!;
    let variables = [...entry.variables];
    for (const change of ctx.vars.changes()) {
      variables = variables.filter((v) => !(v.scopeId === change.scopeId && v.name === change.name));
      if (change.value) variables.push({ scopeId: change.scopeId, name: change.name, value: change.value });
    }
    this.instances.set(instanceId, { ...entry, state: ctx.state, variables });
    this.history.set(instanceId, [...(this.history.get(instanceId) ?? []), ...ctx.effects.history]);
    this.clockMs += 1000;
  }

  private matchExecutions(set: CorrelationSet): ExecutionTarget[] {
    const found: ExecutionTarget[] = [];
    for (const [id, entry] of this.instances) {
      if (entry.state.status !== 'running') continue;
      if (set.processInstanceId && set.processInstanceId !== id) continue;
      if (set.businessKey !== undefined && set.businessKey !== entry.businessKey) continue;
      for (const sub of Object.values(entry.state.subscriptions)) {
        if (sub.messageName !== set.messageName) continue;
        const keysMatch = Object.entries(set.correlationKeys ?? {}).every(([name, value]) =>
          entry.variables.some((v) => v.name === name && typedValuesEqual(v.value, value)),
        );
        const scope = this.scopeOf(entry.state, sub.ownerId);
        const localMatch = Object.entries(set.localCorrelationKeys ?? {}).every(([name, value]) =>
          entry.variables.some((v) => v.scopeId === scope && v.name === name && typedValuesEqual(v.value, value)),
        );
        if (keysMatch && localMatch) {
          found.push({ kind: 'execution', subscriptionId: sub.id, processInstanceId: id, executionId: sub.ownerId, elementId: sub.elementId, tenantId: null });
        }
      }
    }
    return found;
  }

  private matchStarts(set: CorrelationSet): StartTarget[] {
    const found: StartTarget[] = [];
    for (const model of this.models.values()) {
      for (const start of messageStartEvents(model)) {
        if (start.messageName === set.messageName) {
          found.push({ kind: 'start', processDefinitionId: model.key, processDefinitionKey: model.key, elementId: start.elementId, tenantId: null });
        }
      }
    }
    return found;
  }

  private scopeOf(state: InstanceState, instanceId: string): string {
    let current = state.elements[instanceId];
    while (current && !['process', 'subProcess', 'eventSubProcess'].includes(current.type) && current.parentId) {
      current = state.elements[current.parentId];
    }
    return current?.id ?? state.processInstanceId;
  }

  private model(key: string): ProcessModel {
    const model = this.models.get(key);
    if (!model) throw new Error(`model ${key} is not deployed`);
    return model;
  }
}

export function typed(values: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fromPlainJson(v)]));
}
