import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { RunContext, formatCamundaDate } from '../../../engine';
import { InstanceEvent, InstanceEventBus } from '../../events/instance-event-bus';
import { Tx } from '../database';
import { InstanceRow } from './instance-store';

const CHUNK = 100;

/**
 * Writes what a run did to the history (when HISTORY_LEVEL is full) and, after commit, hands the same
 * steps to live observers. Variable writes and the end of the instance are steps too; a consumed
 * subscription carries the route its message came through.
 */
@Injectable()
export class HistoryWriter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: InstanceEventBus,
  ) {}

  async record(tx: Tx, row: InstanceRow, ctx: RunContext, now: number): Promise<void> {
    await this.write(tx, this.events(row, ctx, now));
  }

  /**
   * A step that happens outside an engine run, such as the incident of an external task whose worker gave
   * up or of a continuation that kept failing: recorded and streamed like the steps of a run.
   */
  async recordOutside(tx: Tx, processInstanceId: string, step: Pick<InstanceEvent, 'kind' | 'elementId' | 'elementInstanceId' | 'detail'>, now: number): Promise<void> {
    const [row] = await tx.query<{ correlation_id: string; process_definition_key: string; tenant_id: string }>(
      'SELECT correlation_id, process_definition_key, tenant_id FROM process_instance WHERE id = ?',
      [processInstanceId],
    );
    if (!row) return;
    const base = { processInstanceId, correlationId: row.correlation_id, processDefinitionKey: row.process_definition_key, tenantId: row.tenant_id || null };
    await this.write(tx, [{ ...base, ...step, at: new Date(now).toISOString() }]);
  }

  private async write(tx: Tx, events: InstanceEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (this.config.historyLevel === 'full') {
      for (let start = 0; start < events.length; start += CHUNK) {
        const chunk = events.slice(start, start + CHUNK);
        await tx.execute(
          `INSERT INTO history_event (process_instance_id, kind, element_id, element_instance_id, element_type, parent_instance_id, detail, at)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((e) => [
            e.processInstanceId, e.kind, e.elementId ?? null, e.elementInstanceId ?? null, e.elementType ?? null,
            e.parentInstanceId ?? null, e.detail ? JSON.stringify(e.detail) : null, Date.parse(e.at),
          ]),
        );
      }
    }
    if (this.bus.hasObservers) tx.afterCommit(() => this.bus.publish(events));
  }

  private events(row: InstanceRow, ctx: RunContext, now: number): InstanceEvent[] {
    const base = { processInstanceId: row.id, correlationId: row.correlationId, processDefinitionKey: row.processDefinitionKey, tenantId: row.tenantId };
    const cause = ctx.effects.cause;
    const events: InstanceEvent[] = ctx.effects.history.map((h) => ({
      ...base,
      kind: h.kind,
      at: h.at,
      elementId: h.elementId,
      elementInstanceId: h.elementInstanceId,
      elementType: h.elementType,
      parentInstanceId: h.parentInstanceId,
      detail: { ...(h.detail ?? {}), ...(h.kind === 'subscription-consumed' && cause ? { via: cause.via } : {}) },
    }));
    const at = new Date(now).toISOString();
    for (const change of ctx.vars.changes()) {
      const value = change.value;
      const shown = value === null ? null : value.type === 'Date' && typeof value.value === 'number' ? formatCamundaDate(value.value) : value.type === 'Bytes' || value.type === 'File' ? null : value.value;
      events.push({ ...base, kind: value === null ? 'variable-deleted' : 'variable-set', at, detail: { name: change.name, scopeId: change.scopeId, type: value?.type ?? null, value: shown } });
    }
    if (ctx.effects.ended) events.push({ ...base, kind: 'instance-ended', at, detail: { state: ctx.effects.ended } });
    return events;
  }
}
