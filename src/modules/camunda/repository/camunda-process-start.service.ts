import { Injectable, Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { EngineError } from '../../../engine';
import { Database } from '../../../infrastructure/persistence/database';
import { InstanceReader } from '../../../infrastructure/persistence/read/instance-reader';
import { LoadedDefinition } from '../../../infrastructure/persistence/repositories/definition.repository';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';
import { StartInstanceCommand } from '../../correlations/commands/start-instance.command';
import { invalidRequest, restException } from '../common/camunda-errors';
import { processInstanceDto } from '../common/camunda-dto';
import { convertVariables, renderCamundaVariables } from '../common/camunda-variables';
import { CamundaProcessDefinitionService, DefinitionRef } from './camunda-process-definition.service';
import { CamundaProcessInstanceWithVariablesDto, CamundaStartProcessInstanceDto } from './process-definition.dto';
import { selfLink } from './request-base';

/**
 * POST /process-definition/…/start as ProcessDefinitionResourceImpl does it, including its order: key
 * routes resolve the definition first (their 404s), then variables are converted (400 with the
 * definition id as prefix), and only then does the engine look the id up — an unknown id is the engine's
 * NotFoundException wrapped into a 500. Camunda runs the instance to its first wait state inside the
 * call, so the answer waits for the continuation and describes the instance as it is then.
 */
@Injectable()
export class CamundaProcessStartService {
  private readonly logger = new Logger('CamundaProcessStart');

  constructor(
    private readonly continuation: ContinuationService,
    private readonly db: Database,
    private readonly definitions: CamundaProcessDefinitionService,
    private readonly reader: InstanceReader,
    private readonly startCommand: StartInstanceCommand,
  ) {}

  async start(ref: DefinitionRef, dto: CamundaStartProcessInstanceDto | undefined, request: FastifyRequest): Promise<CamundaProcessInstanceWithVariablesDto> {
    const body = dto ?? {};
    const resolved = 'id' in ref ? null : await this.definitions.resolve(ref);
    const definitionId = resolved?.row.id ?? (ref as { id: string }).id;
    const prefix = `Cannot instantiate process definition ${definitionId}: `;
    const variables = convertVariables(body.variables, prefix);
    if (body.startInstructions && body.startInstructions.length > 0) {
      throw invalidRequest(`${prefix}startInstructions are not supported by this engine; start at the process's start event instead`);
    }
    const definition = resolved ?? (await this.definitions.find(definitionId));
    if (!definition) {
      throw restException(500, `${prefix}no deployed process definition found with id '${definitionId}': processDefinition is null`, 0);
    }
    const instanceId = await this.startInstance(definition, body.businessKey ?? null, variables, prefix);
    if (!(await this.continuation.waitForSettled([instanceId]))) {
      this.logger.warn(`POST …/start answered before instance ${instanceId} reached its first wait state (timeout)`);
    }
    return this.describe(instanceId, body.withVariablesInReturn === true, request);
  }

  private async startInstance(
    definition: LoadedDefinition,
    businessKey: string | null,
    variables: Parameters<StartInstanceCommand['execute']>[0]['variables'],
    prefix: string,
  ): Promise<string> {
    try {
      return (await this.startCommand.execute({ definition, businessKey, variables })).id;
    } catch (error) {
      // Engine failures reach Camunda clients as a RestException carrying the engine's code.
      if (error instanceof EngineError) throw restException(500, `${prefix}${error.message}`, 0);
      throw error;
    }
  }

  private async describe(instanceId: string, withVariables: boolean, request: FastifyRequest): Promise<CamundaProcessInstanceWithVariablesDto> {
    return this.db.read(async (sql) => {
      const view = await this.reader.instance(sql, instanceId);
      if (!view) throw new Error(`process instance ${instanceId} vanished right after its start`);
      const result: CamundaProcessInstanceWithVariablesDto = processInstanceDto(view, selfLink(request, `process-instance/${instanceId}`));
      if (withVariables) result.variables = renderCamundaVariables((await this.reader.variables(sql, [instanceId])).get(instanceId) ?? {});
      return result;
    });
  }
}
