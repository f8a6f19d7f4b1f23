import { createHash, randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { BpmnParser, ModelProblem, ProcessModel, messageStartEvents } from '../../../engine';
import { Database, Tx } from '../../../infrastructure/persistence/database';
import { DefinitionRepository, DefinitionRow } from '../../../infrastructure/persistence/repositories/definition.repository';

export interface DeploymentResourceInput {
  readonly name: string;
  readonly content: string;
}

/**
 * How a redeployment of unchanged content is treated:
 * - `changed-content` (native API): a resource whose processes are all unchanged creates no new version;
 * - `duplicate-filtering` (Camunda enable-duplicate-filtering): if every resource equals the latest one of
 *   the same name in deployments with the same name, source and tenant, the existing deployment is returned;
 * - `changed-only` (Camunda deploy-changed-only): only changed resources are deployed;
 * - `always`: every deployment creates new versions.
 */
export type DuplicateMode = 'changed-content' | 'duplicate-filtering' | 'changed-only' | 'always';

export interface DeployInput {
  readonly name: string | null;
  readonly source: string | null;
  readonly tenantId: string | null;
  readonly resources: readonly DeploymentResourceInput[];
  readonly mode: DuplicateMode;
  /** Refuse a deployment without any executable process (the native API); Camunda accepts one. */
  readonly requireProcess?: boolean;
  /** Per-model options stored with every definition deployed (e.g. oneInstancePerBusinessKey). */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface DeploymentRecord {
  readonly id: string;
  readonly name: string | null;
  readonly source: string | null;
  readonly tenantId: string | null;
  readonly deployedAt: number;
}

export interface DeployOutput {
  readonly deployment: DeploymentRecord;
  /** False when nothing changed and an existing deployment or existing versions were returned. */
  readonly created: boolean;
  readonly definitions: readonly DefinitionRow[];
}

/** Problems per resource; the deployment is refused as a whole. */
export class DeploymentRejected extends Error {
  constructor(readonly problems: readonly { resource: string; problems: readonly ModelProblem[] }[]) {
    super('Could not parse BPMN process');
  }
}

/** Another process of the tenant already starts on a message this one would start on. */
export class MessageStartConflict extends Error {
  constructor(readonly resource: string, readonly messageName: string, readonly otherKey: string) {
    super(`there already is a message event subscription for the message with name '${messageName}' (process '${otherKey}')`);
  }
}

const BPMN_SUFFIXES = ['.bpmn', '.bpmn20.xml'];

/**
 * Deploys BPMN resources in one transaction: every process is parsed and validated first (nothing is
 * stored if any resource has a problem), versions are counted per key and tenant, and the message start
 * subscriptions move from the previous latest version to the new one, as Camunda 7 does.
 */
@Injectable()
export class DeployResourcesCommand {
  constructor(
    private readonly db: Database,
    private readonly parser: BpmnParser,
    private readonly definitions: DefinitionRepository,
  ) {}

  async execute(input: DeployInput): Promise<DeployOutput> {
    const parsed = await this.parseAll(input.resources);
    if (input.requireProcess && parsed.every((r) => r.models.length === 0)) {
      const message = 'contains no executable process (a bpmn:process with isExecutable="true")';
      throw new DeploymentRejected(input.resources.map((r) => ({ resource: r.name, problems: [{ message }] })));
    }
    return this.db.transaction(async (tx) => {
      const tenant = input.tenantId ?? '';
      if (input.mode === 'duplicate-filtering') {
        const existing = await this.unchangedDeployment(tx, input);
        if (existing) return { deployment: existing, created: false, definitions: [] };
      }
      const changed: typeof parsed = [];
      const unchanged: DefinitionRow[] = [];
      for (const resource of parsed) {
        const same = input.mode === 'always' || input.mode === 'duplicate-filtering' ? null : await this.sameAsLatest(tx, resource, tenant, input.options ?? {});
        if (same) unchanged.push(...same);
        else changed.push(resource);
      }
      if (changed.length === 0 && input.mode === 'changed-content') {
        const [first] = unchanged;
        const deployment = first ? await this.deploymentOf(tx, first.deploymentId) : null;
        if (deployment) return { deployment, created: false, definitions: unchanged };
      }
      const deployment: DeploymentRecord = { id: randomUUID(), name: input.name, source: input.source, tenantId: input.tenantId, deployedAt: Date.now() };
      await tx.execute('INSERT INTO deployment (id, name, source, tenant_id, deployed_at) VALUES (?, ?, ?, ?, ?)', [
        deployment.id, deployment.name, deployment.source, tenant, deployment.deployedAt,
      ]);
      const toStore = input.mode === 'changed-only' ? changed : parsed;
      const created: DefinitionRow[] = [];
      for (const resource of toStore) {
        await tx.execute('INSERT INTO deployment_resource (id, deployment_id, name, content, hash) VALUES (?, ?, ?, ?, ?)', [
          randomUUID(), deployment.id, resource.name, resource.content, resource.hash,
        ]);
        for (const model of resource.models) created.push(await this.addVersion(tx, deployment, resource, model, input.options ?? {}));
      }
      return { deployment, created: true, definitions: created };
    });
  }

  private async parseAll(resources: readonly DeploymentResourceInput[]) {
    const parsed: { name: string; content: string; hash: string; models: readonly ProcessModel[] }[] = [];
    const rejected: { resource: string; problems: readonly ModelProblem[] }[] = [];
    for (const resource of resources) {
      const hash = createHash('sha256').update(resource.content).digest('hex');
      if (!BPMN_SUFFIXES.some((s) => resource.name.endsWith(s))) {
        parsed.push({ ...resource, hash, models: [] });
        continue;
      }
      const outcome = await this.parser.parse(resource.content);
      if (outcome.problems.length > 0) rejected.push({ resource: resource.name, problems: outcome.problems });
      else parsed.push({ ...resource, hash, models: outcome.processes });
    }
    if (rejected.length > 0) throw new DeploymentRejected(rejected);
    return parsed;
  }

  private async addVersion(
    tx: Tx,
    deployment: DeploymentRecord,
    resource: { name: string; hash: string },
    model: ProcessModel,
    options: Readonly<Record<string, unknown>>,
  ): Promise<DefinitionRow> {
    const tenant = deployment.tenantId ?? '';
    await this.assertStartMessagesFree(tx, resource.name, model, tenant);
    const [{ latest }] = await tx.query<{ latest: number | null }>(
      'SELECT MAX(version) AS latest FROM process_definition WHERE key = ? AND tenant_id = ?',
      [model.key, tenant],
    );
    const version = Number(latest ?? 0) + 1;
    const uuid = randomUUID();
    const candidateId = `${model.key}:${version}:${uuid}`;
    const row: DefinitionRow = {
      id: candidateId.length <= 64 ? candidateId : uuid,
      key: model.key,
      version,
      name: model.name ?? null,
      tenantId: deployment.tenantId,
      deploymentId: deployment.id,
      resourceName: resource.name,
      resourceHash: resource.hash,
      versionTag: model.versionTag ?? null,
      historyTimeToLive: model.historyTimeToLive ?? null,
      startable: model.isStartableInTasklist,
      options,
      createdAt: deployment.deployedAt,
    };
    await this.definitions.insert(tx, row, model);
    // Only the latest version of a key listens for its start messages.
    await tx.execute("DELETE FROM event_subscription WHERE kind = 'start' AND process_definition_key = ? AND tenant_id = ?", [model.key, tenant]);
    for (const start of messageStartEvents(model)) {
      await tx.execute(
        `INSERT INTO event_subscription (id, event_type, event_name, kind, interrupting, tenant_id, process_definition_id,
           process_definition_key, activity_id, created_at) VALUES (?, 'message', ?, 'start', ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), start.messageName, true, tenant, row.id, model.key, start.elementId, deployment.deployedAt],
      );
    }
    return row;
  }

  private async assertStartMessagesFree(tx: Tx, resource: string, model: ProcessModel, tenant: string): Promise<void> {
    for (const start of messageStartEvents(model)) {
      const [other] = await tx.query<{ process_definition_key: string }>(
        "SELECT process_definition_key FROM event_subscription WHERE kind = 'start' AND event_name = ? AND tenant_id = ? AND process_definition_key <> ?",
        [start.messageName, tenant, model.key],
      );
      if (other) throw new MessageStartConflict(resource, start.messageName, other.process_definition_key);
    }
  }

  /** The processes of a resource, if each one's latest version was deployed from identical content and options. */
  private async sameAsLatest(
    tx: Tx,
    resource: { hash: string; models: readonly ProcessModel[] },
    tenant: string,
    options: Readonly<Record<string, unknown>>,
  ): Promise<DefinitionRow[] | null> {
    if (resource.models.length === 0) return null;
    const rows: DefinitionRow[] = [];
    for (const model of resource.models) {
      const latest = await this.definitions.latest(tx, model.key, tenant);
      if (!latest || latest.row.resourceHash !== resource.hash || JSON.stringify(latest.row.options) !== JSON.stringify(options)) return null;
      rows.push(latest.row);
    }
    return rows;
  }

  private async unchangedDeployment(tx: Tx, input: DeployInput): Promise<DeploymentRecord | null> {
    let newest: string | null = null;
    for (const resource of input.resources) {
      const hash = createHash('sha256').update(resource.content).digest('hex');
      const [latest] = await tx.query<{ deployment_id: string; hash: string }>(
        `SELECT r.deployment_id, r.hash FROM deployment_resource r JOIN deployment d ON d.id = r.deployment_id
         WHERE r.name = ? AND COALESCE(d.name, '') = ? AND COALESCE(d.source, '') = ? AND d.tenant_id = ?
         ORDER BY d.deployed_at DESC LIMIT 1`,
        [resource.name, input.name ?? '', input.source ?? '', input.tenantId ?? ''],
      );
      if (!latest || latest.hash !== hash) return null;
      newest = newest ?? latest.deployment_id;
    }
    return newest ? this.deploymentOf(tx, newest) : null;
  }

  private async deploymentOf(tx: Tx, id: string): Promise<DeploymentRecord | null> {
    const [row] = await tx.query<{ id: string; name: string | null; source: string | null; tenant_id: string; deployed_at: number }>(
      'SELECT id, name, source, tenant_id, deployed_at FROM deployment WHERE id = ?',
      [id],
    );
    return row ? { id: row.id, name: row.name, source: row.source, tenantId: row.tenant_id || null, deployedAt: Number(row.deployed_at) } : null;
  }
}
