import { tenantFilter } from '../../../infrastructure/auth/request-context';
import { Dialect } from '../../../infrastructure/persistence/database';
import { engineException } from '../common/camunda-errors';
import { SqlFilter, bool, date, int, list, text } from './query-params';

type Query = Record<string, unknown>;

/** processDefinitionDto() reports the BPMN target namespace bpmn.io writes as every definition's category. */
const CATEGORY = 'http://bpmn.io/schema/bpmn';

export const DEFINITION_SORT_COLUMNS: Readonly<Record<string, string>> = {
  // Every definition has the same category, so its order is the tie-breaker's.
  category: 'd.id',
  key: 'd.key',
  id: 'd.id',
  name: 'd.name',
  version: 'd.version',
  deploymentId: 'd.deployment_id',
  deployTime: 'dep.deployed_at',
  tenantId: 'd.tenant_id',
  versionTag: 'd.version_tag',
};

/** `process_definition d` joined with `deployment dep`, for deployment-time criteria and sorting. */
export const DEFINITION_FROM = 'process_definition d JOIN deployment dep ON dep.id = d.deployment_id';

/**
 * The criteria of Camunda's ProcessDefinitionQueryDto. Every definition is active (suspension is not
 * supported), so `suspended=true` matches nothing. Incident, startableBy and permission criteria are
 * ignored like any unknown parameter.
 */
export function definitionFilter(query: Query, dialect: Dialect): SqlFilter {
  const filter = new SqlFilter(dialect);
  const id = text(query, 'processDefinitionId');
  const ids = list(query, 'processDefinitionIdIn');
  const category = text(query, 'category');
  const name = text(query, 'name');
  const nameLike = text(query, 'nameLike');
  const deploymentId = text(query, 'deploymentId');
  const deployedAfter = date(query, 'deployedAfter');
  const deployedAt = date(query, 'deployedAt');
  const key = text(query, 'key');
  const keys = list(query, 'keysIn');
  const keyLike = text(query, 'keyLike');
  // `ver` and `latest` are the deprecated spellings; the newer name wins when both are given.
  const version = int(query, 'version') ?? int(query, 'ver');
  const latest = bool(query, 'latestVersion') ?? bool(query, 'latest');
  const resourceName = text(query, 'resourceName');
  const resourceNameLike = text(query, 'resourceNameLike');
  const suspended = bool(query, 'suspended');
  bool(query, 'active');
  const tenantIds = list(query, 'tenantIdIn');
  const withoutTenantId = bool(query, 'withoutTenantId') ?? false;
  const includeWithoutTenant = bool(query, 'includeProcessDefinitionsWithoutTenantId') ?? false;
  const versionTag = text(query, 'versionTag');
  const versionTagLike = text(query, 'versionTagLike');
  const withoutVersionTag = bool(query, 'withoutVersionTag');
  const startable = bool(query, 'startableInTasklist');
  const notStartable = bool(query, 'notStartableInTasklist');

  if (latest && (id !== undefined || version !== undefined || deploymentId !== undefined)) {
    // ProcessDefinitionQueryImpl#checkQueryOk, an engine exception the REST layer does not wrap.
    throw engineException(
      500,
      'ProcessEngineException',
      'Calling latest() can only be used in combination with key(String) and keyLike(String) or name(String) and nameLike(String)',
    );
  }
  if (id !== undefined) filter.add('d.id = ?', id);
  if (ids && ids.length > 0) filter.in('d.id', ids);
  if (category !== undefined && category !== CATEGORY) filter.add('1 = 0');
  if (name !== undefined) filter.add('d.name = ?', name);
  // Upstream compares nameLike case-insensitively (CAM-8014); the other likes are case-sensitive.
  if (nameLike !== undefined) filter.like('d.name', nameLike, true);
  if (deploymentId !== undefined) filter.add('d.deployment_id = ?', deploymentId);
  if (deployedAfter !== undefined) filter.add('dep.deployed_at > ?', deployedAfter);
  if (deployedAt !== undefined) filter.add('dep.deployed_at = ?', deployedAt);
  if (key !== undefined) filter.add('d.key = ?', key);
  if (keys && keys.length > 0) filter.in('d.key', keys);
  if (keyLike !== undefined) filter.like('d.key', keyLike);
  if (version !== undefined) filter.add('d.version = ?', version);
  if (latest) {
    filter.add('d.version = (SELECT MAX(x.version) FROM process_definition x WHERE x.key = d.key AND x.tenant_id = d.tenant_id)');
  }
  if (resourceName !== undefined) filter.add('d.resource_name = ?', resourceName);
  if (resourceNameLike !== undefined) filter.like('d.resource_name', resourceNameLike);
  if (suspended) filter.add('1 = 0');
  filter.tenants('d.tenant_id', tenantIds, withoutTenantId, includeWithoutTenant);
  // Definitions of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('d.tenant_id');
  filter.add(visible.sql, ...visible.params);
  // withoutVersionTag is applied after versionTag and clears it, as the query setters do.
  if (withoutVersionTag) filter.add('d.version_tag IS NULL');
  else if (versionTag !== undefined) filter.add('d.version_tag = ?', versionTag);
  if (versionTagLike !== undefined) filter.like('d.version_tag', versionTagLike);
  if (startable) filter.add('d.startable = ?', true);
  if (notStartable) filter.add('d.startable = ?', false);
  return filter;
}
