import { Injectable, Logger } from '@nestjs/common';

import { fromSnapshot } from '../../../../engine';
import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Database, Sql } from '../../../../infrastructure/persistence/database';
import { InstanceView } from '../../../../infrastructure/persistence/read/instance-reader';
import { toInstanceRow } from '../../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';
import { CamundaCountDto, CamundaExecutionDto } from '../../common/camunda-dto';
import { engineException, invalidRequest, restException } from '../../common/camunda-errors';
import { CamundaPage } from '../../common/camunda-query';
import { NoMessageSubscription, SeveralMessageSubscriptions, TriggerMessageSubscriptionCommand } from '../commands/trigger-message-subscription.command';
import { CamundaEventSubscriptionDto } from '../dto/runtime-views.dto';
import { CamundaExecutionTriggerDto } from '../dto/variables.dto';
import { ExecutionLocator } from '../queries/execution-locator';
import { ExecutionFilter, executionInstanceWhere } from '../queries/execution-query';
import { activitiesAt, executionIds } from '../queries/executions';
import { compareBy } from '../queries/sorting';
import { variablePredicate } from '../queries/variable-conditions';
import { convertInput } from '../variables/variable-input';
import { eventSubscriptionDto } from './event-subscription-view';

interface ExecutionRow {
  readonly id: string;
  readonly processInstanceId: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly tenantId: string;
}

/**
 * Camunda's executions: each running process instance and each (sub)process scope inside one. They are
 * derived from the instance snapshots, so a query filters instances in SQL first and the trees in memory.
 */
@Injectable()
export class CamundaExecutionService {
  private readonly logger = new Logger('CamundaExecution');

  constructor(
    private readonly db: Database,
    private readonly continuation: ContinuationService,
    private readonly locator: ExecutionLocator,
    private readonly trigger: TriggerMessageSubscriptionCommand,
  ) {}

  async list(filter: ExecutionFilter, page: CamundaPage): Promise<CamundaExecutionDto[]> {
    const rows = await this.db.read((sql) => this.matching(sql, filter));
    const end = page.maxResults === null ? undefined : page.firstResult + page.maxResults;
    return rows.slice(page.firstResult, end).map(executionDto);
  }

  async count(filter: ExecutionFilter): Promise<CamundaCountDto> {
    return { count: (await this.db.read((sql) => this.matching(sql, filter))).length };
  }

  async get(id: string): Promise<CamundaExecutionDto> {
    const found = await this.db.read((sql) => this.locator.find(sql, id));
    if (!found) throw invalidRequest(`Execution with id ${id} does not exist`, 404);
    return executionDto(toRow(found.view, found.executionId));
  }

  async messageSubscription(executionId: string, messageName: string): Promise<CamundaEventSubscriptionDto> {
    const visible = tenantFilter('p.tenant_id');
    const rows = await this.db.read((sql) =>
      sql.query(
        `SELECT s.* FROM event_subscription s JOIN process_instance p ON p.id = s.process_instance_id
         WHERE s.scope_id = ? AND s.event_name = ? AND s.event_type = 'message' AND p.state = 'running' AND ${visible.sql}
         ORDER BY s.created_at, s.id`,
        [executionId, messageName, ...visible.params],
      ),
    );
    if (rows.length === 0) throw invalidRequest(`Message event subscription for execution ${executionId} named ${messageName} does not exist`, 404);
    // The query's singleResult() refuses more than one match.
    if (rows.length > 1) throw engineException(500, 'ProcessEngineException', `Query return ${rows.length} results instead of max 1`);
    return eventSubscriptionDto(rows[0]);
  }

  /** Delivers the message, then answers once the continuation reached the next wait states (as Camunda does synchronously). */
  async triggerMessage(executionId: string, messageName: string, body: CamundaExecutionTriggerDto): Promise<void> {
    const prefix = `Cannot trigger message ${messageName} for execution ${executionId}: `;
    const variables = convertInput(body?.variables, prefix, prefix);
    let processInstanceId: string;
    try {
      processInstanceId = await this.trigger.execute(executionId, messageName, variables);
    } catch (error) {
      if (error instanceof NoMessageSubscription) {
        throw restException(
          500,
          `${prefix}Execution with id '${executionId}' does not have a subscription to a message event with name '${messageName}': eventSubscriptions is empty`,
        );
      }
      if (error instanceof SeveralMessageSubscriptions) {
        throw restException(500, `${prefix}More than one matching message subscription found for execution ${executionId}: eventSubscriptions does not have 1 elements`);
      }
      throw error;
    }
    if (!(await this.continuation.waitForSettled([processInstanceId]))) {
      this.logger.warn(`Message trigger answered before the continuation of ${processInstanceId} settled (timeout)`);
    }
  }

  private async matching(sql: Sql, filter: ExecutionFilter): Promise<ExecutionRow[]> {
    const where = executionInstanceWhere(filter);
    const rows = await sql.query(`SELECT p.* FROM process_instance p WHERE ${where.sql} ORDER BY p.id`, where.params);
    const views: InstanceView[] = rows.map((r) => ({ ...toInstanceRow(r), snapshot: fromSnapshot(String(r.snapshot)) }));
    const subscribed = filter.messageEventSubscriptionName === undefined ? null : await this.subscribedScopes(sql, filter.messageEventSubscriptionName);
    const withLocals: Awaited<ReturnType<typeof this.scopesWith>>[] = [];
    for (const c of filter.variables) withLocals.push(await this.scopesWith(sql, variablePredicate('v', c, filter.ignoreCase)));
    const executions: ExecutionRow[] = [];
    for (const view of views) {
      for (const id of executionIds(view.snapshot)) {
        if (filter.activityId !== undefined && !activitiesAt(view.snapshot, id).has(filter.activityId)) continue;
        if (subscribed && !subscribed.has(id)) continue;
        if (withLocals.some((scopes) => !scopes.has(id))) continue;
        executions.push(toRow(view, id));
      }
    }
    return executions.sort(compareBy<ExecutionRow>(filter.sorts, (row, column) => String(row[column as keyof ExecutionRow]), (row) => row.id));
  }

  private async subscribedScopes(sql: Sql, messageName: string): Promise<Set<string>> {
    const rows = await sql.query<{ scope_id: string }>(
      "SELECT DISTINCT scope_id FROM event_subscription WHERE event_type = 'message' AND event_name = ? AND scope_id IS NOT NULL",
      [messageName],
    );
    return new Set(rows.map((r) => r.scope_id));
  }

  private async scopesWith(sql: Sql, predicate: { sql: string; params: readonly unknown[] }): Promise<Set<string>> {
    const rows = await sql.query<{ scope_id: string }>(`SELECT DISTINCT v.scope_id FROM variable v WHERE ${predicate.sql}`, predicate.params);
    return new Set(rows.map((r) => r.scope_id));
  }
}

function toRow(view: InstanceView, executionId: string): ExecutionRow {
  return {
    id: executionId,
    processInstanceId: view.id,
    processDefinitionId: view.processDefinitionId,
    processDefinitionKey: view.processDefinitionKey,
    tenantId: view.tenantId ?? '',
  };
}

function executionDto(row: ExecutionRow): CamundaExecutionDto {
  return { id: row.id, processInstanceId: row.processInstanceId, ended: false, tenantId: row.tenantId || null };
}
