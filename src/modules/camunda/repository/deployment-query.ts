import { tenantFilter } from '../../../infrastructure/auth/request-context';
import { Dialect, Row } from '../../../infrastructure/persistence/database';
import { invalidRequest } from '../common/camunda-errors';
import { camundaDate } from '../common/camunda-dto';
import { CamundaDeploymentDto } from './deployment.dto';
import { SqlFilter, bool, date, list, text } from './query-params';

type Query = Record<string, unknown>;

export const DEPLOYMENT_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'dep.id',
  name: 'dep.name',
  deploymentTime: 'dep.deployed_at',
  tenantId: 'dep.tenant_id',
};

/** The criteria of Camunda's DeploymentQueryDto, as a WHERE clause over `deployment dep` (only the caller's tenants). */
export function deploymentFilter(query: Query, dialect: Dialect): SqlFilter {
  const filter = new SqlFilter(dialect);
  const source = text(query, 'source');
  const withoutSource = bool(query, 'withoutSource');
  if (withoutSource && source !== undefined) {
    throw invalidRequest('The query parameters "withoutSource" and "source" cannot be used in combination.');
  }
  const id = text(query, 'id');
  const name = text(query, 'name');
  const nameLike = text(query, 'nameLike');
  const before = date(query, 'before');
  const after = date(query, 'after');
  if (id !== undefined) filter.add('dep.id = ?', id);
  if (name !== undefined) filter.add('dep.name = ?', name);
  if (nameLike !== undefined) filter.like('dep.name', nameLike);
  if (withoutSource) filter.add('dep.source IS NULL');
  if (source !== undefined) filter.add('dep.source = ?', source);
  if (before !== undefined) filter.add('dep.deployed_at < ?', before);
  if (after !== undefined) filter.add('dep.deployed_at > ?', after);
  const visible = tenantFilter('dep.tenant_id');
  filter.add(visible.sql, ...visible.params);
  return filter.tenants(
    'dep.tenant_id',
    list(query, 'tenantIdIn'),
    bool(query, 'withoutTenantId') ?? false,
    bool(query, 'includeDeploymentsWithoutTenantId') ?? false,
  );
}

export function deploymentDto(row: Row): CamundaDeploymentDto {
  return {
    links: [],
    id: String(row.id),
    name: (row.name as string | null) ?? null,
    source: (row.source as string | null) ?? null,
    deploymentTime: camundaDate(Number(row.deployed_at))!,
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
  };
}
