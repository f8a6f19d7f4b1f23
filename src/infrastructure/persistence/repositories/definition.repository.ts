import { Injectable } from '@nestjs/common';

import { ProcessModel } from '../../../engine';
import { Row, Sql } from '../database';

export interface DefinitionRow {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
  readonly tenantId: string | null;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly resourceHash: string;
  readonly versionTag: string | null;
  readonly historyTimeToLive: string | null;
  readonly startable: boolean;
  readonly options: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
}

export interface LoadedDefinition {
  readonly row: DefinitionRow;
  readonly model: ProcessModel;
}

const COLUMNS = `id, key, version, name, tenant_id, deployment_id, resource_name, resource_hash, version_tag, history_ttl,
  startable, options, created_at`;

/**
 * Process definitions. A definition never changes once deployed, so parsed models are cached by id for
 * the life of the process.
 */
@Injectable()
export class DefinitionRepository {
  private readonly models = new Map<string, LoadedDefinition>();

  async byId(sql: Sql, id: string): Promise<LoadedDefinition | null> {
    const cached = this.models.get(id);
    if (cached) return cached;
    const [row] = await sql.query(`SELECT ${COLUMNS}, model FROM process_definition WHERE id = ?`, [id]);
    return row ? this.remember(row) : null;
  }

  /** The latest version of a key for one tenant ('' or null meaning no tenant). */
  async latest(sql: Sql, key: string, tenantId: string | null): Promise<LoadedDefinition | null> {
    const [row] = await sql.query(
      `SELECT ${COLUMNS}, model FROM process_definition WHERE key = ? AND tenant_id = ? ORDER BY version DESC LIMIT 1`,
      [key, tenantId ?? ''],
    );
    return row ? this.remember(row) : null;
  }

  /** Latest versions of every key a set of tenants can see (null: all tenants). */
  async latestRows(sql: Sql, tenantIds: readonly string[] | null): Promise<DefinitionRow[]> {
    const tenantFilter = tenantIds ? `AND d.tenant_id IN (${tenantIds.map(() => '?').join(', ') || "''"})` : '';
    const rows = await sql.query(
      `SELECT ${COLUMNS.split(',').map((c) => `d.${c.trim()}`).join(', ')} FROM process_definition d
       WHERE d.version = (SELECT MAX(x.version) FROM process_definition x WHERE x.key = d.key AND x.tenant_id = d.tenant_id)
       ${tenantFilter} ORDER BY d.key, d.tenant_id`,
      tenantIds ?? [],
    );
    return rows.map(toDefinitionRow);
  }

  async insert(sql: Sql, row: DefinitionRow, model: ProcessModel): Promise<void> {
    await sql.execute(
      `INSERT INTO process_definition (${COLUMNS}, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id, row.key, row.version, row.name, row.tenantId ?? '', row.deploymentId, row.resourceName, row.resourceHash,
        row.versionTag, row.historyTimeToLive, row.startable, JSON.stringify(row.options), row.createdAt, JSON.stringify(model),
      ],
    );
    this.models.set(row.id, { row, model });
  }

  async xml(sql: Sql, definitionId: string): Promise<string | null> {
    const [row] = await sql.query<{ content: string }>(
      `SELECT r.content FROM process_definition d JOIN deployment_resource r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name
       WHERE d.id = ?`,
      [definitionId],
    );
    return row?.content ?? null;
  }

  private remember(row: Row): LoadedDefinition {
    const loaded = { row: toDefinitionRow(row), model: JSON.parse(String(row.model)) as ProcessModel };
    this.models.set(loaded.row.id, loaded);
    return loaded;
  }
}

export function toDefinitionRow(row: Row): DefinitionRow {
  return {
    id: String(row.id),
    key: String(row.key),
    version: Number(row.version),
    name: (row.name as string | null) ?? null,
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    deploymentId: String(row.deployment_id),
    resourceName: String(row.resource_name),
    resourceHash: String(row.resource_hash),
    versionTag: (row.version_tag as string | null) ?? null,
    historyTimeToLive: (row.history_ttl as string | null) ?? null,
    startable: row.startable === true || row.startable === 1,
    options: row.options ? (JSON.parse(String(row.options)) as Record<string, unknown>) : {},
    createdAt: Number(row.created_at),
  };
}
