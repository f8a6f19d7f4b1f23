import { Injectable } from '@nestjs/common';

import { CamundaError } from '../../../common/errors/api-error';
import { canSeeTenant } from '../../../infrastructure/auth/request-context';
import { Database } from '../../../infrastructure/persistence/database';
import { DefinitionRepository, LoadedDefinition, toDefinitionRow } from '../../../infrastructure/persistence/repositories/definition.repository';
import { restException } from '../common/camunda-errors';
import { CamundaCountDto, CamundaProcessDefinitionDto, processDefinitionDto } from '../common/camunda-dto';
import { pageSql, readPage, readSort } from '../common/camunda-query';
import { CamundaProcessDefinitionDiagramDto } from './process-definition.dto';
import { DEFINITION_FROM, DEFINITION_SORT_COLUMNS, definitionFilter } from './process-definition-query';

type Query = Record<string, unknown>;

/** How a route names its definition: by id, or the latest version of a key without or with a tenant. */
export type DefinitionRef = { readonly id: string } | { readonly key: string; readonly tenantId?: string };

const COLUMNS = `d.id, d.key, d.version, d.name, d.tenant_id, d.deployment_id, d.resource_name, d.resource_hash, d.version_tag,
  d.history_ttl, d.startable, d.options, d.created_at`;

/** Camunda 7's process-definition resource: queries, single definitions and their BPMN XML. */
@Injectable()
export class CamundaProcessDefinitionService {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRepository,
  ) {}

  async list(query: Query): Promise<CamundaProcessDefinitionDto[]> {
    const filter = definitionFilter(query, this.db.dialect);
    const sort = readSort(query, DEFINITION_SORT_COLUMNS);
    const page = readPage(query);
    // Upstream orders by id unless told otherwise; the id tie-breaker makes equal sort keys stable.
    const order = sort ? `${sort.column} ${sort.direction}, d.id ASC` : 'd.id ASC';
    const rows = await this.db.read((sql) =>
      sql.query(`SELECT ${COLUMNS} FROM ${DEFINITION_FROM}${filter.where} ORDER BY ${order}${pageSql(page, sql.dialect)}`, filter.params),
    );
    return rows.map((row) => processDefinitionDto(toDefinitionRow(row)));
  }

  async count(query: Query): Promise<CamundaCountDto> {
    const filter = definitionFilter(query, this.db.dialect);
    readSort(query, DEFINITION_SORT_COLUMNS);
    const [row] = await this.db.read((sql) => sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${DEFINITION_FROM}${filter.where}`, filter.params));
    return { count: Number(row.n) };
  }

  async get(ref: DefinitionRef): Promise<CamundaProcessDefinitionDto> {
    return processDefinitionDto((await this.resolve(ref)).row);
  }

  async xml(ref: DefinitionRef): Promise<CamundaProcessDefinitionDiagramDto> {
    const { row } = await this.resolve(ref);
    const xml = await this.db.read((sql) => this.definitions.xml(sql, row.id));
    if (xml === null) throw notFoundById(row.id);
    return { id: row.id, bpmn20Xml: xml };
  }

  /**
   * Finds the definition with upstream's 404s: a key without tenant is looked up among tenant-less
   * definitions only, and key lookups fail with a RestException before any id is known.
   */
  async resolve(ref: DefinitionRef): Promise<LoadedDefinition> {
    if ('id' in ref) {
      const found = await this.find(ref.id);
      if (!found) throw notFoundById(ref.id);
      return found;
    }
    const found = await this.db.read((sql) => this.definitions.latest(sql, ref.key, ref.tenantId ?? null));
    if (found && canSeeTenant(found.row.tenantId)) return found;
    throw restException(
      404,
      ref.tenantId === undefined
        ? `No matching process definition with key: ${ref.key} and no tenant-id`
        : `No matching process definition with key: ${ref.key} and tenant-id: ${ref.tenantId}`,
      null,
    );
  }

  /** The definition with this id, or null when there is none the caller may see. */
  async find(id: string): Promise<LoadedDefinition | null> {
    const found = await this.db.read((sql) => this.definitions.byId(sql, id));
    return found && canSeeTenant(found.row.tenantId) ? found : null;
  }
}

/**
 * Upstream wraps the engine's NotFoundException in an InvalidRequestException; as its cause is an
 * engine exception, ExceptionHandlerHelper copies the cause's code (0) into the body.
 */
function notFoundById(id: string): CamundaError {
  return new CamundaError(404, 'InvalidRequestException', `No matching definition with id ${id}`, 0);
}
