import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

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
}

