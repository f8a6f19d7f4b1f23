import { Injectable, Logger } from '@nestjs/common';

import { tenantFilter } from '../../../infrastructure/auth/request-context';
import { Database } from '../../../infrastructure/persistence/database';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';
import { CamundaCountDto } from '../common/camunda-dto';
import { engineException, invalidRequest, restException } from '../common/camunda-errors';
import { CamundaPage, pageSql } from '../common/camunda-query';
import { convertVariableMaps } from '../common/camunda-variables';
import { orderBySql } from '../runtime/queries/sorting';
import { CompleteExternalTaskCommand } from './commands/complete-external-task.command';
import { UpdateExternalTaskCommand } from './commands/update-external-task.command';
import { CamundaExternalTaskDto, CamundaLockedExternalTaskDto } from './dto/external-task.dto';
import { ExtensionPropertiesReader } from './extension-properties';
import { ClientConnection, FetchAndLockHandler } from './fetch-and-lock.handler';
import { externalTaskDto, lockedExternalTaskDto, toExternalTaskRow } from './external-task-row';
import { ExternalTaskFilter } from './external-task-query';
import { readFetchRequest } from './fetch-request';
import { bodyObject, own, readInt, readLong, readObject, readString } from './jackson-body';

const FROM = 'FROM external_task t LEFT JOIN process_definition d ON d.id = t.process_definition_id';

/**
 * Camunda 7's external task resource (ExternalTaskRestServiceImpl, ExternalTaskResourceImpl and the engine
 * commands behind them): bodies are bound as Jackson binds them, checks run in Camunda's order with its
 * texts, and variables are converted without an endpoint prefix (§2.4). Completing a task and reporting a
 * BPMN error continue the process through the continuation path and answer once it has settled.
 */
@Injectable()
export class ExternalTaskService {
  private readonly logger = new Logger('CamundaExternalTask');

  constructor(
    private readonly db: Database,
    private readonly handler: FetchAndLockHandler,
    private readonly completion: CompleteExternalTaskCommand,
    private readonly update: UpdateExternalTaskCommand,
    private readonly continuation: ContinuationService,
    private readonly extensionProperties: ExtensionPropertiesReader,
  ) {}

  async fetchAndLock(body: unknown, connection?: ClientConnection): Promise<CamundaLockedExternalTaskDto[]> {
    const request = readFetchRequest(body);
    const locked = await this.handler.fetchAndLock(request, connection);
    return Promise.all(
      locked.map(async ({ task, topic, variables }) =>
        lockedExternalTaskDto(task, variables, topic.includeExtensionProperties ? await this.extensionProperties.of(task.processDefinitionId, task.activityId) : {}),
      ),
    );
  }

  list(filter: ExternalTaskFilter, page: CamundaPage): Promise<CamundaExternalTaskDto[]> {
    return this.db.read(async (sql) => {
      const rows = await sql.query(`SELECT t.* ${FROM}${filter.where} ORDER BY ${orderBySql(filter.sorts, 't.id')}${pageSql(page, sql.dialect)}`, filter.params);
      return rows.map((row) => externalTaskDto(toExternalTaskRow(row)));
    });
  }

  count(filter: ExternalTaskFilter): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${FROM}${filter.where}`, filter.params);
      return { count: Number(row.n) };
    });
  }

  /** GET /external-task/{id}: a RestException without engine cause, so its code is null. */
  async get(id: string): Promise<CamundaExternalTaskDto> {
    const visible = tenantFilter('tenant_id');
    const [row] = await this.db.read((sql) => sql.query(`SELECT * FROM external_task WHERE id = ? AND ${visible.sql}`, [id, ...visible.params]));
    if (!row) throw restException(404, `External task with id ${id} does not exist`, null);
    return externalTaskDto(toExternalTaskRow(row));
  }

  /**
   * GetExternalTaskErrorDetailsCmd. Its not-found check throws a NullValueException, which the REST
   * resource (catching NotFoundException only) lets through: real Camunda answers 500 here, not 404.
   * No details: null, which JAX-RS answers with 204.
   */
  async errorDetails(id: string): Promise<string | null> {
    const visible = tenantFilter('tenant_id');
    const [row] = await this.db.read((sql) =>
      sql.query<{ error_details: string | null }>(`SELECT error_details FROM external_task WHERE id = ? AND ${visible.sql}`, [id, ...visible.params]),
    );
    if (!row) throw engineException(500, 'NullValueException', `No external task found with id ${id}: externalTask is null`);
    return row.error_details ?? null;
  }

  async complete(id: string, body: unknown): Promise<void> {
    const b = bodyObject(body);
    const workerId = readString(own(b, 'workerId'));
    const [variables, localVariables] = convertVariableMaps([readObject(own(b, 'variables')), readObject(own(b, 'localVariables'))], null);
    const processInstanceId = await this.completion.complete(id, requireWorkerId(workerId), variables, localVariables);
    await this.settle(processInstanceId, 'completion');
  }

  async bpmnError(id: string, body: unknown): Promise<void> {
    const b = bodyObject(body);
    const workerId = readString(own(b, 'workerId'));
    const errorCode = readString(own(b, 'errorCode'));
    const errorMessage = readString(own(b, 'errorMessage'));
    const [variables] = convertVariableMaps([readObject(own(b, 'variables'))], null);
    const worker = requireWorkerId(workerId);
    if (errorCode === null) throw engineException(500, 'NullValueException', 'errorCode is null');
    const processInstanceId = await this.completion.bpmnError(id, worker, errorCode, errorMessage, variables);
    await this.settle(processInstanceId, 'BPMN error');
  }

  async failure(id: string, body: unknown): Promise<void> {
    const b = bodyObject(body);
    const workerId = readString(own(b, 'workerId'));
    const errorMessage = readString(own(b, 'errorMessage'));
    const errorDetails = readString(own(b, 'errorDetails'));
    const retries = readInt(own(b, 'retries')) ?? 0;
    const retryTimeout = readLong(own(b, 'retryTimeout')) ?? 0;
    const [variables, localVariables] = convertVariableMaps([readObject(own(b, 'variables')), readObject(own(b, 'localVariables'))], null);
    const worker = requireWorkerId(workerId);
    if (retries < 0) throw engineException(500, 'ProcessEngineException', 'retries is not greater than or equal to 0');
    if (retryTimeout < 0) throw engineException(500, 'ProcessEngineException', 'retryDuration is not greater than or equal to 0');
    await this.update.failure(id, { workerId: worker, errorMessage, errorDetails, retries, retryTimeout, variables, localVariables });
  }

  async lock(id: string, body: unknown): Promise<void> {
    const b = bodyObject(body);
    const workerId = readString(own(b, 'workerId'));
    const lockDuration = readLong(own(b, 'lockDuration')) ?? 0;
    const worker = requireWorkerId(workerId);
    if (lockDuration <= 0) throw restException(400, 'lockDuration is not greater than 0');
    await this.update.lock(id, worker, lockDuration);
  }

  async extendLock(id: string, body: unknown): Promise<void> {
    const b = bodyObject(body);
    const workerId = readString(own(b, 'workerId'));
    const newDuration = readLong(own(b, 'newDuration')) ?? 0;
    if (newDuration <= 0) throw restException(400, 'lockTime is not greater than 0');
    await this.update.extendLock(id, requireWorkerId(workerId), newDuration);
  }

  unlock(id: string): Promise<void> {
    return this.update.unlock(id);
  }

  async setRetries(id: string, body: unknown): Promise<void> {
    const retries = readInt(own(bodyObject(body), 'retries'));
    if (retries === null) throw invalidRequest('The number of retries cannot be null.');
    await this.update.setRetries(id, retries);
  }

  /** Camunda continues the process synchronously: answer once the continuation has reached its next wait states. */
  private async settle(processInstanceId: string, what: string): Promise<void> {
    if (!(await this.continuation.waitForSettled([processInstanceId]))) {
      this.logger.warn(`External task ${what} answered before the continuation of ${processInstanceId} settled (timeout)`);
    }
  }
}

/** HandleExternalTaskCmd#validateInput. */
function requireWorkerId(workerId: string | null): string {
  if (workerId === null) throw engineException(500, 'NullValueException', 'workerId is null');
  return workerId;
}

