import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../../common/errors/api-error';
import { Engine, TypedValue } from '../../../engine';
import { Database, Tx } from '../../../infrastructure/persistence/database';
import { LoadedDefinition } from '../../../infrastructure/persistence/repositories/definition.repository';
import { InstanceRow, InstanceStore } from '../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';

export interface StartInstanceInput {
  readonly definition: LoadedDefinition;
  readonly businessKey?: string | null;
  /** The business case this instance belongs to; a new one is opened when absent. */
  readonly correlationId?: string | null;
  readonly startEventId?: string;
  readonly variables?: Readonly<Record<string, TypedValue>>;
}

/** The model allows one running instance per business key, and one with this key is running (409). */
export class BusinessKeyRunning extends ApiError {
  constructor(
    readonly processDefinitionKey: string,
    readonly businessKey: string,
  ) {
    super(ErrorCode.CONFLICT, `An instance of '${processDefinitionKey}' with business key '${businessKey}' is already running, and the model allows only one`);
  }
}

/**
 * Creates a process instance and schedules its start. The instance row, its start variables and the
 * outbox row are written in one transaction; running to the first wait state is continuation work.
 */
@Injectable()
export class StartInstanceCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(input: StartInstanceInput): Promise<InstanceRow> {
    return this.db.transaction((tx) => this.startIn(tx, input));
  }

  /** Starts an instance inside a transaction the caller owns (message correlation starts several at once). */
  async startIn(tx: Tx, input: StartInstanceInput): Promise<InstanceRow> {
    const { definition } = input;
    if (definition.row.options.oneInstancePerBusinessKey === true && input.businessKey) {
      await this.assertNoRunningInstance(tx, definition, input.businessKey);
    }
    const id = randomUUID();
    const now = Date.now();
    const ctx = this.engine.start(definition.model, id, { startEventId: input.startEventId, variables: input.variables });
    const row: InstanceRow = {
      id,
      processDefinitionId: definition.row.id,
      processDefinitionKey: definition.row.key,
      processDefinitionVersion: definition.row.version,
      tenantId: definition.row.tenantId,
      businessKey: input.businessKey ?? null,
      correlationId: input.correlationId ?? id,
      state: 'running',
      revision: 0,
      startedAt: now,
      endedAt: null,
    };
    const saved = await this.store.save(tx, this.store.fresh(row, definition.row, definition.model, ctx.state), ctx, now);
    this.continuation.afterCommit(tx, saved.outboxId);
    return row;
  }

  /**
   * Starts of a model with one-instance-per-business-key are serialised on its definition row (PostgreSQL;
   * SQLite serialises all writers), so two racing messages cannot both find no running instance.
   */
  private async assertNoRunningInstance(tx: Tx, definition: LoadedDefinition, businessKey: string): Promise<void> {
    if (tx.dialect === 'postgres') await tx.query('SELECT id FROM process_definition WHERE id = ? FOR UPDATE', [definition.row.id]);
    const [running] = await tx.query(
      "SELECT id FROM process_instance WHERE process_definition_key = ? AND tenant_id = ? AND business_key = ? AND state = 'running' LIMIT 1",
      [definition.row.key, definition.row.tenantId ?? '', businessKey],
    );
    if (running) throw new BusinessKeyRunning(definition.row.key, businessKey);
  }
}

