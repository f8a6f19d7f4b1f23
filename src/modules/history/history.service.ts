import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { canSeeTenant } from '../../infrastructure/auth/request-context';
import { Database, Row } from '../../infrastructure/persistence/database';
import { ActivityInstanceDto, HistoryEventDto, InstanceHistoryDto } from './dto/history.dto';

const ELEMENT_KINDS = new Set(['element-activated', 'element-completed', 'element-terminated']);

@Injectable()
export class HistoryService {
  constructor(private readonly db: Database) {}

  async instanceHistory(processInstanceId: string): Promise<InstanceHistoryDto> {
    return this.db.read(async (sql) => {
      const [instance] = await sql.query<{ tenant_id: string }>('SELECT tenant_id FROM process_instance WHERE id = ?', [processInstanceId]);
      if (!instance || !canSeeTenant(instance.tenant_id)) {
        throw new ApiError(ErrorCode.INSTANCE_NOT_FOUND, `Process instance ${processInstanceId} does not exist`);
      }
      const rows = await sql.query('SELECT * FROM history_event WHERE process_instance_id = ? ORDER BY id', [processInstanceId]);
      const events = rows.map(toEvent);
      return { processInstanceId, activityInstances: activityInstances(events), events };
    });
  }
}

function toEvent(row: Row): HistoryEventDto {
  const detail = row.detail ? (JSON.parse(String(row.detail)) as Record<string, unknown>) : {};
  return {
    id: Number(row.id),
    kind: String(row.kind),
    at: new Date(Number(row.at)).toISOString(),
    elementId: (row.element_id as string | null) ?? null,
    elementInstanceId: (row.element_instance_id as string | null) ?? null,
    elementType: (row.element_type as string | null) ?? null,
    detail: { ...detail, ...(row.parent_instance_id ? { parentInstanceId: row.parent_instance_id } : {}) },
  };
}

/** Element instances, from their lifecycle steps: entered, and completed or terminated (with the cause). */
function activityInstances(events: readonly HistoryEventDto[]): ActivityInstanceDto[] {
  const byId = new Map<string, ActivityInstanceDto>();
  for (const e of events) {
    if (!ELEMENT_KINDS.has(e.kind) || !e.elementInstanceId) continue;
    if (e.kind === 'element-activated') {
      byId.set(e.elementInstanceId, {
        id: e.elementInstanceId,
        elementId: e.elementId ?? '',
        elementType: e.elementType ?? '',
        parentId: (e.detail.parentInstanceId as string | undefined) ?? null,
        startedAt: e.at,
        endedAt: null,
        state: 'active',
      });
      continue;
    }
    const entry = byId.get(e.elementInstanceId);
    if (!entry) continue;
    entry.endedAt = e.at;
    entry.state = e.kind === 'element-completed' ? 'completed' : 'terminated';
    if (e.kind === 'element-terminated' && typeof e.detail.cause === 'string') entry.cause = e.detail.cause;
  }
  return [...byId.values()];
}
