import { Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { APP_CONFIG } from '../../../../config/config.module';
import { AppConfig } from '../../../../config/configuration';
import { CamundaValueOutput, TypedValue, toCamundaValue } from '../../../../engine';
import { canSeeTenant } from '../../../../infrastructure/auth/request-context';
import { Database, Sql } from '../../../../infrastructure/persistence/database';
import { InstanceReader } from '../../../../infrastructure/persistence/read/instance-reader';
import { InstanceStore } from '../../../../infrastructure/persistence/repositories/instance-store';
import { engineException, invalidRequest, restException } from '../../common/camunda-errors';
import { assertVariableSizes, renderCamundaVariables } from '../../common/camunda-variables';
import { ExecutionNotFound, UpdateVariablesCommand, VariableUpdate } from '../commands/update-variables.command';
import { CamundaPatchVariablesDto } from '../dto/variables.dto';
import { ExecutionLocator } from '../queries/execution-locator';
import { executionOf, parentExecution } from '../queries/executions';
import { readMultipartForm } from './multipart-form';
import { BinaryContent, binaryContent, binaryVariableFromForm } from './variable-data';
import { convertInput } from './variable-input';

/** Camunda's variable resources: its resource type name appears in every message (§4.4). */
export type VariableResource = 'process instance' | 'execution' | 'task';

/**
 * Camunda's AbstractVariablesResource over the three resources that have variables here: a process
 * instance (the variables of its root scope), an execution (its local variables) and a user task (what
 * is visible from the task). Messages are Camunda's, including the engine's for a missing resource.
 */
@Injectable()
export class CamundaVariablesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly locator: ExecutionLocator,
    private readonly reader: InstanceReader,
    private readonly store: InstanceStore,
    private readonly update: UpdateVariablesCommand,
  ) {}

  async getVariables(resource: VariableResource, id: string): Promise<Record<string, unknown>> {
    const values = await this.db.read((sql) => this.load(sql, resource, id));
    if (!values) throw engineException(500, 'NullValueException', missing(resource, id));
    return renderCamundaVariables(values);
  }

  async getVariable(resource: VariableResource, id: string, name: string): Promise<CamundaValueOutput> {
    return toCamundaValue(await this.typedValue(resource, id, name));
  }

  async getVariableData(resource: VariableResource, id: string, name: string): Promise<BinaryContent> {
    return binaryContent(await this.typedValue(resource, id, name), id);
  }

  async putVariable(processInstanceId: string, name: string, body: unknown): Promise<void> {
    const prefix = `Cannot put process instance variable ${name}: `;
    const value = convertInput({ [name]: body ?? {} }, prefix, prefix)![name];
    await this.write({ processInstanceId, executionId: processInstanceId, local: false, modifications: { [name]: value } }, prefix);
  }

  async deleteVariable(processInstanceId: string, name: string): Promise<void> {
    const prefix = `Cannot delete process instance variable ${name}: `;
    await this.write({ processInstanceId, executionId: processInstanceId, local: false, deletions: [name] }, prefix);
  }

  async modifyVariables(processInstanceId: string, patch: CamundaPatchVariablesDto): Promise<void> {
    const enginePrefix = `Cannot modify variables for process instance ${processInstanceId}: `;
    const modifications = convertInput(patch?.modifications, 'Cannot modify variables for process instance: ', enginePrefix);
    const update = { processInstanceId, executionId: processInstanceId, local: false, modifications, deletions: patch?.deletions ?? undefined };
    await this.write(update, enginePrefix);
  }

  async setBinaryVariable(processInstanceId: string, name: string, request: FastifyRequest): Promise<void> {
    const prefix = `Cannot put process instance variable ${name}: `;
    const form = await readMultipartForm(request, this.config.http.bodyLimitBytes);
    const value = binaryVariableFromForm(form, prefix);
    assertVariableSizes({ [name]: value }, prefix);
    await this.write({ processInstanceId, executionId: processInstanceId, local: false, modifications: { [name]: value } }, prefix);
  }

  private async write(update: VariableUpdate, prefix: string): Promise<void> {
    try {
      await this.update.execute(update);
    } catch (error) {
      if (error instanceof ExecutionNotFound) throw restException(500, `${prefix}${missing('process instance', update.executionId)}`);
      throw error;
    }
  }

  private async typedValue(resource: VariableResource, id: string, name: string): Promise<TypedValue> {
    const values = await this.db.read((sql) => this.load(sql, resource, id));
    if (!values) throw restException(500, `Cannot get ${resource} variable ${name}: ${missing(resource, id)}`);
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (!value) throw invalidRequest(`${resource} variable with name ${name} does not exist`, 404);
    return value;
  }

  /** The resource's variables, or null when it does not exist (an ended instance, or one of a tenant the caller may not see, included). */
  private async load(sql: Sql, resource: VariableResource, id: string): Promise<Record<string, TypedValue> | null> {
    switch (resource) {
      case 'process instance': {
        const view = await this.reader.instance(sql, id);
        if (!view || view.state !== 'running' || !canSeeTenant(view.tenantId)) return null;
        return (await this.reader.variables(sql, [id])).get(id) ?? {};
      }
      case 'execution': {
        const found = await this.locator.find(sql, id);
        if (!found) return null;
        const pi = found.view.id;
        return (await this.reader.variables(sql, [pi], found.executionId === pi ? undefined : found.executionId)).get(pi) ?? {};
      }
      case 'task':
        return this.taskVariables(sql, id);
    }
  }

  /** What a task sees: the variables of its execution and of every enclosing one, inner scopes shadowing outer. */
  private async taskVariables(sql: Sql, taskId: string): Promise<Record<string, TypedValue> | null> {
    const [task] = await sql.query<{ process_instance_id: string; execution_id: string }>(
      'SELECT process_instance_id, execution_id FROM user_task WHERE id = ?',
      [taskId],
    );
    const view = task ? await this.reader.instance(sql, task.process_instance_id) : null;
    if (!task || !view || view.state !== 'running' || !canSeeTenant(view.tenantId)) return null;
    const chain: string[] = [];
    for (let scope: string | null = executionOf(view.snapshot, task.execution_id); scope !== null; scope = parentExecution(view.snapshot, scope)) {
      chain.unshift(scope);
    }
    const records = await this.store.variables(sql, view.id);
    const result: Record<string, TypedValue> = {};
    for (const scope of chain) {
      for (const r of records.filter((v) => v.scopeId === scope).sort((a, b) => a.name.localeCompare(b.name))) {
        Object.defineProperty(result, r.name, { value: r.value, enumerable: true, writable: true, configurable: true });
      }
    }
    return result;
  }
}

/** The engine's NullValueException text for a resource that does not exist. */
function missing(resource: VariableResource, id: string): string {
  return resource === 'task' ? `task ${id} doesn't exist: task is null` : `execution ${id} doesn't exist: execution is null`;
}
