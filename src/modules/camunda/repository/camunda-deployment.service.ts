import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { assertMayWriteTenant, tenantFilter } from '../../../infrastructure/auth/request-context';
import { Database, Sql } from '../../../infrastructure/persistence/database';
import { DeployOutput, DeployResourcesCommand, DeploymentRecord, DeploymentResourceInput, DuplicateMode } from '../../models/commands/deploy-resources.command';
import { invalidRequest } from '../common/camunda-errors';
import { CamundaCountDto, camundaDate, processDefinitionDto } from '../common/camunda-dto';
import { pageSql, readPage, readSort } from '../common/camunda-query';
import { toCamundaDeployError } from './deploy-errors';
import { DeploymentForm, DeploymentFormReader } from './deployment-form.reader';
import { DEPLOYMENT_SORT_COLUMNS, deploymentDto, deploymentFilter } from './deployment-query';
import { CamundaDeploymentDto, CamundaDeploymentWithDefinitionsDto } from './deployment.dto';
import { selfLink } from './request-base';

type Query = Record<string, unknown>;

const COLUMNS = 'dep.id, dep.name, dep.source, dep.tenant_id, dep.deployed_at';

/** Camunda 7's deployment resource: create (multipart), query, count and get. */
@Injectable()
export class CamundaDeploymentService {
  constructor(
    private readonly db: Database,
    private readonly deploy: DeployResourcesCommand,
    private readonly forms: DeploymentFormReader,
  ) {}

  async create(request: FastifyRequest): Promise<CamundaDeploymentWithDefinitionsDto> {
    const form = await this.forms.read(request);
    assertMayWriteTenant(form.tenantId);
    let result: DeployOutput;
    try {
      result = await this.execute(form);
    } catch (error) {
      throw toCamundaDeployError(error);
    }
    const { created, definitions } = result;
    const deployment = created ? result.deployment : await this.duplicateOf(form, result.deployment);
    // An existing deployment returned by duplicate filtering reports no definitions at all (null, not {}).
    const deployed = created && definitions.length > 0 ? Object.fromEntries(definitions.map((d) => [d.id, processDefinitionDto(d)])) : null;
    return {
      links: selfLink(request, `deployment/${deployment.id}`),
      id: deployment.id,
      name: deployment.name,
      source: deployment.source,
      deploymentTime: camundaDate(deployment.deployedAt)!,
      tenantId: deployment.tenantId,
      deployedProcessDefinitions: deployed,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    };
  }

  async list(query: Query): Promise<CamundaDeploymentDto[]> {
    const filter = deploymentFilter(query, this.db.dialect);
    const sort = readSort(query, DEPLOYMENT_SORT_COLUMNS);
    const page = readPage(query);
    // Upstream's default order is by id; ours are random UUIDs, so deployment time reads better.
    const order = sort ? `${sort.column} ${sort.direction}, dep.id ASC` : 'dep.deployed_at ASC, dep.id ASC';
    const rows = await this.db.read((sql) =>
      sql.query(`SELECT ${COLUMNS} FROM deployment dep${filter.where} ORDER BY ${order}${pageSql(page, sql.dialect)}`, filter.params),
    );
    return rows.map(deploymentDto);
  }

  async count(query: Query): Promise<CamundaCountDto> {
    const filter = deploymentFilter(query, this.db.dialect);
    readSort(query, DEPLOYMENT_SORT_COLUMNS);
    const [row] = await this.db.read((sql) => sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM deployment dep${filter.where}`, filter.params));
    return { count: Number(row.n) };
  }

  async get(id: string): Promise<CamundaDeploymentDto> {
    const visible = tenantFilter('dep.tenant_id');
    const [row] = await this.db.read((sql) => sql.query(`SELECT ${COLUMNS} FROM deployment dep WHERE dep.id = ? AND ${visible.sql}`, [id, ...visible.params]));
    if (!row) throw invalidRequest(`Deployment with id '${id}' does not exist`, 404);
    return deploymentDto(row);
  }

  /**
   * The deployment upstream answers a duplicate with: DefaultDeploymentHandler picks the latest deployment
   * of that name (whatever its source or tenant), not the one that holds the unchanged resources.
   */
  private async duplicateOf(form: DeploymentForm, found: DeploymentRecord): Promise<DeploymentRecord> {
    const visible = tenantFilter('dep.tenant_id');
    const [row] = await this.db.read((sql) =>
      sql.query(`SELECT ${COLUMNS} FROM deployment dep WHERE dep.name = ? AND ${visible.sql} ORDER BY dep.deployed_at DESC, dep.id DESC LIMIT 1`, [
        form.name,
        ...visible.params,
      ]),
    );
    if (!row) return found;
    const dto = deploymentDto(row);
    return { id: dto.id, name: dto.name, source: dto.source, tenantId: dto.tenantId, deployedAt: Number(row.deployed_at) };
  }

  /**
   * Maps the form's flags onto the command. Upstream compares against deployments of the same name, so
   * without a name nothing is ever a duplicate. deploy-changed-only deploys just the changed resources,
   * and returns the existing deployment when none changed.
   */
  private async execute(form: DeploymentForm): Promise<DeployOutput> {
    const input = { name: form.name, source: form.source, tenantId: form.tenantId, resources: form.resources };
    const filtering = form.deployChangedOnly || form.enableDuplicateFiltering;
    if (!filtering || form.name === null) return this.deploy.execute({ ...input, mode: 'always' });
    if (!form.deployChangedOnly) return this.deploy.execute({ ...input, mode: 'duplicate-filtering' });
    const changed = await this.db.read((sql) => changedResources(sql, form));
    const mode: DuplicateMode = changed.length === 0 ? 'duplicate-filtering' : 'always';
    return this.deploy.execute({ ...input, resources: changed.length === 0 ? form.resources : changed, mode });
  }
}

/**
 * The resources that differ from the latest resource of the same name in deployments with the same
 * name, source and tenant (DeployCmd#resolveResourcesToDeploy; an empty source matches a missing one).
 */
async function changedResources(sql: Sql, form: DeploymentForm): Promise<DeploymentResourceInput[]> {
  const changed: DeploymentResourceInput[] = [];
  for (const resource of form.resources) {
    const [latest] = await sql.query<{ hash: string }>(
      `SELECT r.hash FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
       WHERE r.name = ? AND COALESCE(d.name, '') = ? AND COALESCE(d.source, '') = ? AND d.tenant_id = ?
       ORDER BY d.deployed_at DESC LIMIT 1`,
      [resource.name, form.name ?? '', form.source ?? '', form.tenantId ?? ''],
    );
    if (!latest || latest.hash !== createHash('sha256').update(resource.content).digest('hex')) changed.push(resource);
  }
  return changed;
}
