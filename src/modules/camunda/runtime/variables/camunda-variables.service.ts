import { Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { APP_CONFIG } from '../../../../config/config.module';
import { AppConfig } from '../../../../config/configuration';
import { CamundaValueOutput, TypedValue, toCamundaValue } from '../../../../engine';
import { Database } from '../../../../infrastructure/persistence/database';
import { engineException, invalidRequest, restException } from '../../common/camunda-errors';
import { assertVariableSizes, renderCamundaVariables } from '../../common/camunda-variables';
import { ExecutionNotFound, UpdateVariablesCommand, UserTaskNotFound } from '../commands/update-variables.command';
import { CamundaPatchVariablesDto } from '../dto/variables.dto';
import { readMultipartForm } from './multipart-form';
import { BinaryContent, binaryContent, binaryVariableFromForm } from './variable-data';
import { convertInput } from './variable-input';
import { VariableOwnerReader } from './variable-owner-reader';
import { VariableTarget, missingOwner } from './variable-targets';

type Changes = { readonly modifications?: Readonly<Record<string, TypedValue>>; readonly deletions?: readonly string[] };

/**
 * Camunda's AbstractVariablesResource, once for every variable resource here (process instance, execution
 * local, task, task local): the same operations and the same messages, with the resource's type name
 * (§4.4) and the engine's texts for an owner that does not exist.
 */
@Injectable()
export class CamundaVariablesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly owners: VariableOwnerReader,
    private readonly update: UpdateVariablesCommand,
  ) {}

  async getVariables(target: VariableTarget, id: string): Promise<Record<string, unknown>> {
    const values = await this.db.read((sql) => this.owners.variables(sql, target, id));
    if (!values) throw engineException(500, 'NullValueException', missingOwner(target, id));
    return renderCamundaVariables(values);
  }

  async getVariable(target: VariableTarget, id: string, name: string): Promise<CamundaValueOutput> {
    return toCamundaValue(await this.typedValue(target, id, name));
  }

  async getVariableData(target: VariableTarget, id: string, name: string): Promise<BinaryContent> {
    return binaryContent(await this.typedValue(target, id, name), id);
  }

  async putVariable(target: VariableTarget, id: string, name: string, body: unknown): Promise<void> {
    const prefix = `Cannot put ${target.owner} variable ${name}: `;
    const value = convertInput({ [name]: body ?? {} }, prefix, prefix)![name];
    await this.write(target, id, { modifications: { [name]: value } }, prefix);
  }

  async deleteVariable(target: VariableTarget, id: string, name: string): Promise<void> {
    await this.write(target, id, { deletions: [name] }, `Cannot delete ${target.owner} variable ${name}: `, true);
  }

  async modifyVariables(target: VariableTarget, id: string, patch: CamundaPatchVariablesDto): Promise<void> {
    const enginePrefix = `Cannot modify variables for ${target.owner} ${id}: `;
    const modifications = convertInput(patch?.modifications, `Cannot modify variables for ${target.owner}: `, enginePrefix);
    await this.write(target, id, { modifications, deletions: patch?.deletions ?? undefined }, enginePrefix);
  }

  async setBinaryVariable(target: VariableTarget, id: string, name: string, request: FastifyRequest): Promise<void> {
    const prefix = `Cannot put ${target.owner} variable ${name}: `;
    const form = await readMultipartForm(request, this.config.http.bodyLimitBytes);
    const value = binaryVariableFromForm(form, prefix);
    assertVariableSizes({ [name]: value }, prefix);
    await this.write(target, id, { modifications: { [name]: value } }, prefix);
  }

  /** The engine refuses an owner that does not exist with a NullValueException, which the resource wraps in a 500. */
  private async write(target: VariableTarget, id: string, changes: Changes, prefix: string, removing = false): Promise<void> {
    const missing = () => restException(500, `${prefix}${missingOwner(target, id, removing)}`);
    const owner = await this.db.read((sql) => this.owners.owner(sql, target, id));
    if (!owner) throw missing();
    try {
      await this.update.execute({ owner, local: target.local, ...changes });
    } catch (error) {
      if (error instanceof ExecutionNotFound || error instanceof UserTaskNotFound) throw missing();
      throw error;
    }
  }

  private async typedValue(target: VariableTarget, id: string, name: string): Promise<TypedValue> {
    const values = await this.db.read((sql) => this.owners.variables(sql, target, id));
    if (!values) throw restException(500, `Cannot get ${target.owner} variable ${name}: ${missingOwner(target, id)}`);
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (!value) throw invalidRequest(`${target.owner} variable with name ${name} does not exist`, 404);
    return value;
  }
}
