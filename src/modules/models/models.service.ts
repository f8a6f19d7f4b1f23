import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { readVariables } from '../../common/variables/native-variables';
import { FlowNodeModel, ProcessModel, formatProblem } from '../../engine';
import { assertMayWriteTenant, tenantFilter, visibleTenants } from '../../infrastructure/auth/request-context';
import { Database } from '../../infrastructure/persistence/database';
import { DefinitionRepository, DefinitionRow, LoadedDefinition } from '../../infrastructure/persistence/repositories/definition.repository';
import { StartInstanceCommand } from '../correlations/commands/start-instance.command';
import { DeployResourcesCommand, DeploymentRejected, MessageStartConflict } from './commands/deploy-resources.command';
import { DeploymentUpload } from './deployment-upload.reader';
import { DeployModelResponseDto, ProcessModelSummaryDto } from './dto/deploy-model.dto';
import { ProcessModelDetailDto } from './dto/process-model.dto';
import { StartProcessModelDto, StartProcessModelResponseDto } from './dto/start-model.dto';

@Injectable()
export class ModelsService {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRepository,
    private readonly deployCommand: DeployResourcesCommand,
    private readonly startCommand: StartInstanceCommand,
  ) {}

  async deploy(upload: DeploymentUpload): Promise<DeployModelResponseDto> {
    assertMayWriteTenant(upload.tenantId);
    try {
      const result = await this.deployCommand.execute({ ...upload, source: null, mode: 'changed-content', requireProcess: true });
      return { deploymentId: result.deployment.id, created: result.created, models: result.definitions.map(summary) };
    } catch (error) {
      throw translateDeployError(error);
    }
  }

  /** Latest versions of the models the caller may see ('' being "no tenant"), optionally of one tenant. */
  async list(tenantId?: string): Promise<ProcessModelSummaryDto[]> {
    const visible = visibleTenants();
    const wanted = tenantId === undefined ? null : [tenantId];
    const tenants = visible === null ? wanted : (wanted ?? ['', ...visible]).filter((t) => t === '' || visible.includes(t));
    if (tenants !== null && tenants.length === 0) return [];
    const rows = await this.db.read((sql) => this.definitions.latestRows(sql, tenants));
    return rows.map(summary);
  }

  async get(key: string, version?: number, tenantId?: string): Promise<ProcessModelDetailDto> {
    const { row, model } = await this.resolve(key, version, tenantId);
    return { ...summary(row), startEvents: startEvents(model), messages: messages(model) };
  }

  async xml(key: string, version?: number, tenantId?: string): Promise<string> {
    const { row } = await this.resolve(key, version, tenantId);
    const xml = await this.db.read((sql) => this.definitions.xml(sql, row.id));
    if (xml === null) throw new ApiError(ErrorCode.MODEL_NOT_FOUND, `The XML of process model '${key}' is missing`);
    return xml;
  }

  async start(key: string, dto: StartProcessModelDto): Promise<StartProcessModelResponseDto> {
    const variables = readVariables(dto);
    const definition = await this.resolve(key, undefined, dto.tenantId);
    if (dto.startEventId !== undefined) {
      const start = definition.model.elements[dto.startEventId];
      if (start?.type !== 'startEvent' || start.parentId !== definition.model.key) {
        throw new ApiError(ErrorCode.VALIDATION_ERROR, `'${dto.startEventId}' is not a start event of process model '${key}' (start events of subprocesses cannot be started directly)`);
      }
    }
    const row = await this.startCommand.execute({
      definition,
      businessKey: dto.businessKey,
      correlationId: dto.correlationId,
      startEventId: dto.startEventId,
      variables,
    });
    return { correlationId: row.correlationId, processInstanceId: row.id };
  }

  /**
   * The named version, else the latest; without a tenant the tenant-less model wins over tenants' ones.
   * Models of tenants the caller may not see do not exist for it.
   */
  async resolve(key: string, version?: number, tenantId?: string): Promise<LoadedDefinition> {
    const found = await this.db.read(async (sql) => {
      const visible = tenantFilter('tenant_id');
      const params: unknown[] = [key, ...visible.params];
      let where = `key = ? AND ${visible.sql}`;
      if (tenantId !== undefined) {
        where += ' AND tenant_id = ?';
        params.push(tenantId);
      }
      if (version !== undefined) {
        where += ' AND version = ?';
        params.push(version);
      }
      const [row] = await sql.query<{ id: string }>(
        `SELECT id FROM process_definition WHERE ${where} ORDER BY CASE WHEN tenant_id = '' THEN 0 ELSE 1 END, version DESC LIMIT 1`,
        params,
      );
      return row ? this.definitions.byId(sql, row.id) : null;
    });
    if (!found) {
      const which = version === undefined ? '' : ` in version ${version}`;
      throw new ApiError(ErrorCode.MODEL_NOT_FOUND, `No process model with key '${key}'${which}`);
    }
    return found;
  }
}

export function summary(row: DefinitionRow): ProcessModelSummaryDto {
  return {
    key: row.key,
    version: row.version,
    name: row.name,
    tenantId: row.tenantId,
    processDefinitionId: row.id,
    deploymentId: row.deploymentId,
    resourceName: row.resourceName,
    deployedAt: new Date(row.createdAt).toISOString(),
    oneInstancePerBusinessKey: row.options.oneInstancePerBusinessKey === true,
  };
}

function startEvents(model: ProcessModel): ProcessModelDetailDto['startEvents'] {
  const root = model.elements[model.key];
  return [...(root.noneStartEventIds ?? []), ...(root.messageStartEventIds ?? [])].map((id) => {
    const def = model.elements[id].eventDefinition;
    return def?.kind === 'message' ? { id, kind: 'message' as const, messageName: def.messageName } : { id, kind: 'none' as const };
  });
}

/** Every message an instance of the model can wait for (process-level start events are listed apart). */
function messages(model: ProcessModel): ProcessModelDetailDto['messages'] {
  const processStart = (node: FlowNodeModel) => node.type === 'startEvent' && node.parentId === model.key;
  return Object.values(model.elements)
    .filter((node) => node.eventDefinition?.kind === 'message' && !processStart(node))
    .map((node) => {
      const def = node.eventDefinition as { messageName: string };
      const interrupting =
        node.type === 'boundaryEvent' ? node.cancelActivity !== false : node.type === 'startEvent' ? node.isInterrupting !== false : undefined;
      return { elementId: node.id, elementType: node.type, messageName: def.messageName, ...(interrupting === undefined ? {} : { interrupting }) };
    });
}

export function translateDeployError(error: unknown): unknown {
  if (error instanceof DeploymentRejected) {
    const problems = error.problems.flatMap(({ resource, problems: list }) =>
      list.map((p) => ({ resource, ...(p.elementId ? { elementId: p.elementId } : {}), message: p.message, line: p.line, column: p.column })),
    );
    const summaryText = error.problems.flatMap((r) => r.problems.map((p) => `${r.resource}: ${formatProblem(p)}`)).join('; ');
    return new ApiError(ErrorCode.DEPLOYMENT_INVALID, `The BPMN cannot be deployed: ${summaryText}`, { problems });
  }
  if (error instanceof MessageStartConflict) {
    return new ApiError(ErrorCode.CONFLICT, `Cannot deploy '${error.resource}': ${error.message}`);
  }
  return error;
}
