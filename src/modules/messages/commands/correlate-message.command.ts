import { Injectable } from '@nestjs/common';

import { CorrelationSet, Engine, ExecutionTarget, MessagePayload, StartTarget, TypedValue, decideCorrelation } from '../../../engine';
import { visibleTenants } from '../../../infrastructure/auth/request-context';
import { Database, Row, Tx } from '../../../infrastructure/persistence/database';
import { BufferedMessage, BufferedMessageRepository } from '../../../infrastructure/persistence/repositories/buffered-message.repository';
import { DefinitionRepository } from '../../../infrastructure/persistence/repositories/definition.repository';
import { InstanceStore } from '../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';
import { BusinessKeyRunning, StartInstanceCommand } from '../../correlations/commands/start-instance.command';
import { BufferedMessageSignal } from '../buffered-message.signal';
import { executionMatchQuery, startMatchQuery } from '../correlation-query';

export interface CorrelateInput {
  readonly set: CorrelationSet;
  readonly all: boolean;
  readonly payload: MessagePayload;
  /** Keep the message when nothing matches, for a subscription that opens within the time to live. */
  readonly buffer?: { readonly timeToLiveMs: number; readonly mayStart: boolean };
  /** Deliver this buffered message: it leaves the buffer only if the delivery succeeds. */
  readonly fromBuffer?: string;
  /** Only waiting executions, never message start events (a buffered message not allowed to start one). */
  readonly executionsOnly?: boolean;
  /** How the message arrived, for the history: the route, or the buffer. */
  readonly via?: string;
  /** The tenants the sender may reach (null: all); taken from the request when not given. */
  readonly visibleTenants?: readonly string[] | null;
}

export interface CorrelationResult {
  readonly targets: CorrelatedTarget[];
  /** Set when nothing matched and the message was kept instead. */
  readonly buffered?: BufferedMessage;
}

/** One thing a message was delivered to: a waiting execution, or a new instance of a start event. */
export interface CorrelatedTarget {
  readonly kind: 'execution' | 'start';
  readonly processInstanceId: string;
  /** Camunda's execution id of the subscription (see camundaExecutionId); the instance for starts. */
  readonly executionId: string;
  readonly correlationId: string;
  readonly businessKey: string | null;
  readonly tenantId: string | null;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  /** The subscription that received the message, and the BPMN element that waited. */
  readonly eventId: string;
  readonly eventKey: string;
}

/** no-match also covers a start refused because the model allows one running instance per business key. */
export type CorrelationFailure = 'no-match' | 'ambiguous-executions' | 'ambiguous-definitions' | 'business-key-running';

export class CorrelationFailed extends Error {
  constructor(
    readonly reason: CorrelationFailure,
    readonly count: number,
  ) {
    super(reason);
  }
}

/** The subscription was consumed or changed by a concurrent transaction between matching and locking. */
class LostRace extends Error {}

const MAX_RACE_RETRIES = 5;

/**
 * Correlates a message with Camunda 7's rules in one transaction: waiting executions first, then message
 * start events; exactly one target unless `all`. The trigger (consuming the subscription, writing the
 * payload, cancelling an interrupted scope) commits here; moving tokens on is continuation work.
 * Two messages racing for one wait state: the loser finds the subscription gone under the instance lock,
 * matches again, and gets "no match" if nothing else fits.
 */
@Injectable()
export class CorrelateMessageCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly definitions: DefinitionRepository,
    private readonly starter: StartInstanceCommand,
    private readonly continuation: ContinuationService,
    private readonly buffer: BufferedMessageRepository,
    private readonly bufferSignal: BufferedMessageSignal,
  ) {}

  async execute(request: CorrelateInput): Promise<CorrelationResult> {
    // A message only ever reaches the tenants its sender may see, now or when it leaves the buffer.
    const input = { ...request, visibleTenants: request.visibleTenants !== undefined ? request.visibleTenants : visibleTenants() };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.correlateOrBuffer(tx, input));
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
        if (attempt >= MAX_RACE_RETRIES) return this.db.transaction((tx) => this.noMatch(tx, input));
      }
    }
  }

  private async correlateOrBuffer(tx: Tx, input: CorrelateInput): Promise<CorrelationResult> {
    if (input.fromBuffer && !(await this.buffer.consume(tx, input.fromBuffer))) return { targets: [] };
    try {
      return { targets: await this.correlate(tx, input) };
    } catch (error) {
      if (error instanceof CorrelationFailed && error.reason === 'no-match') return this.noMatch(tx, input);
      throw error;
    }
  }

  /** Nothing matched: keep the message if the sender gave it a time to live, else fail (rolling back). */
  private async noMatch(tx: Tx, input: CorrelateInput): Promise<CorrelationResult> {
    if (!input.buffer || input.fromBuffer) throw new CorrelationFailed('no-match', 0);
    const now = Date.now();
    const { messageName, ...criteria } = input.set;
    const buffered = await this.buffer.insert(tx, {
      messageName,
      criteria: { ...criteria, visibleTenants: input.visibleTenants ?? null },
      payload: input.payload,
      mayStart: input.buffer.mayStart,
      tenantId: input.set.tenantId ?? null,
      createdAt: now,
      expiresAt: now + input.buffer.timeToLiveMs,
    });
    // A subscription may have opened while this transaction ran; retry the buffered message once it is visible.
    tx.afterCommit(() => this.bufferSignal.emit(buffered.id));
    return { targets: [], buffered };
  }

  private async correlate(tx: Tx, input: CorrelateInput): Promise<CorrelatedTarget[]> {
    const { set, all } = input;
    const tenants = input.visibleTenants ?? null;
    const executions = await this.matchExecutions(tx, set, tenants, all ? undefined : 2);
    const starts = !input.executionsOnly && (all || executions.length === 0) ? await this.matchStarts(tx, set, tenants) : [];
    const outcome = decideCorrelation(executions.map((e) => e.target), starts.map((s) => s.target), all);
    if (!outcome.ok) {
      const count = outcome.reason === 'ambiguous-executions' ? await this.countExecutions(tx, set, tenants) : outcome.reason === 'no-match' ? 0 : outcome.count;
      throw new CorrelationFailed(outcome.reason, count);
    }
    const results = await this.triggerExecutions(tx, input, executions.filter((e) => outcome.targets.includes(e.target)));
    for (const start of starts.filter((s) => outcome.targets.includes(s.target))) {
      results.push(await this.startInstance(tx, input, start));
    }
    return results;
  }

  private async triggerExecutions(tx: Tx, input: CorrelateInput, matches: ExecutionMatch[]): Promise<CorrelatedTarget[]> {
    const results: CorrelatedTarget[] = [];
    const byInstance = new Map<string, ExecutionMatch[]>();
    for (const m of matches) byInstance.set(m.target.processInstanceId, [...(byInstance.get(m.target.processInstanceId) ?? []), m]);
    // Instances are locked in id order, so concurrent `all` correlations cannot deadlock each other.
    for (const instanceId of [...byInstance.keys()].sort()) {
      const loaded = await this.store.load(tx, instanceId, { lock: true });
      if (!loaded || loaded.state.status !== 'running') {
        if (input.all) continue;
        throw new LostRace();
      }
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      for (const match of byInstance.get(instanceId)!) {
        if (!ctx.state.subscriptions[match.target.subscriptionId] || !(await this.stillMatches(tx, input.set, match))) {
          if (input.all) continue;
          throw new LostRace();
        }
        this.engine.trigger(ctx, match.target.subscriptionId, input.payload);
        ctx.effects.cause = { via: input.via ?? 'message', messageName: input.set.messageName };
        results.push({
          kind: 'execution',
          processInstanceId: instanceId,
          executionId: match.target.executionId,
          correlationId: loaded.row.correlationId,
          businessKey: loaded.row.businessKey,
          tenantId: loaded.row.tenantId,
          processDefinitionId: loaded.row.processDefinitionId,
          processDefinitionKey: loaded.row.processDefinitionKey,
          eventId: match.target.subscriptionId,
          eventKey: match.target.elementId,
        });
      }
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      this.continuation.afterCommit(tx, saved.outboxId);
    }
    return results;
  }

  private async startInstance(tx: Tx, input: CorrelateInput, match: StartMatch): Promise<CorrelatedTarget> {
    const start = match.target;
    const definition = await this.definitions.byId(tx, start.processDefinitionId);
    if (!definition) throw new LostRace();
    const { processVariables, processVariablesLocal, processVariablesToTriggeredScope } = input.payload;
    const variables: Record<string, TypedValue> = { ...processVariables, ...processVariablesLocal, ...processVariablesToTriggeredScope };
    let row;
    try {
      row = await this.starter.startIn(tx, { definition, businessKey: input.set.businessKey, startEventId: start.elementId, variables });
    } catch (error) {
      if (error instanceof BusinessKeyRunning) throw new CorrelationFailed('business-key-running', 1);
      throw error;
    }
    return {
      kind: 'start',
      processInstanceId: row.id,
      executionId: row.id,
      correlationId: row.correlationId,
      businessKey: row.businessKey,
      tenantId: row.tenantId,
      processDefinitionId: definition.row.id,
      processDefinitionKey: definition.row.key,
      eventId: match.subscriptionId,
      eventKey: start.elementId,
    };
  }

  private async matchExecutions(tx: Tx, set: CorrelationSet, visibleTenants: readonly string[] | null, limit?: number): Promise<ExecutionMatch[]> {
    const query = executionMatchQuery(set, { limit, visibleTenants });
    const rows = await tx.query(query.sql, query.params);
    return rows.map(toExecutionMatch);
  }

  private async matchStarts(tx: Tx, set: CorrelationSet, visibleTenants: readonly string[] | null): Promise<StartMatch[]> {
    const query = startMatchQuery(set, visibleTenants);
    const rows = await tx.query<{ id: string; process_definition_id: string; process_definition_key: string; activity_id: string; tenant_id: string }>(
      query.sql,
      query.params,
    );
    return rows.map((r) => ({
      subscriptionId: r.id,
      target: {
        kind: 'start',
        processDefinitionId: r.process_definition_id,
        processDefinitionKey: r.process_definition_key,
        elementId: r.activity_id,
        tenantId: r.tenant_id || null,
      },
    }));
  }

  private async countExecutions(tx: Tx, set: CorrelationSet, visibleTenants: readonly string[] | null): Promise<number> {
    const query = executionMatchQuery(set, { count: true, visibleTenants });
    const [row] = await tx.query<{ n: number }>(query.sql, query.params);
    return Number(row?.n ?? 0);
  }

  /**
   * On PostgreSQL the match was read before the instance lock was granted; variables used as keys may have
   * changed since, so the subscription is matched once more now that nobody else can change it.
   */
  private async stillMatches(tx: Tx, set: CorrelationSet, match: ExecutionMatch): Promise<boolean> {
    if (tx.dialect !== 'postgres' || (!set.correlationKeys && !set.localCorrelationKeys)) return true;
    const query = executionMatchQuery(set, { subscriptionId: match.target.subscriptionId, limit: 1 });
    return (await tx.query(query.sql, query.params)).length > 0;
  }
}

interface StartMatch {
  readonly target: StartTarget;
  readonly subscriptionId: string;
}

interface ExecutionMatch {
  readonly target: ExecutionTarget;
}

function toExecutionMatch(row: Row): ExecutionMatch {
  return {
    target: {
      kind: 'execution',
      subscriptionId: String(row.id),
      processInstanceId: String(row.process_instance_id),
      executionId: String(row.execution_id ?? row.scope_id ?? row.process_instance_id),
      elementId: String(row.activity_id),
      tenantId: row.tenant_id ? String(row.tenant_id) : null,
    },
  };
}
