import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { readVariables } from '../../common/variables/native-variables';
import { tenantFilter } from '../../infrastructure/auth/request-context';
import { Database, Sql } from '../../infrastructure/persistence/database';
import { InstanceReader, SubscriptionView } from '../../infrastructure/persistence/read/instance-reader';
import { StartInstanceCommand } from '../correlations/commands/start-instance.command';
import { WaitingEventDto } from '../correlations/dto/instance.dto';
import { waitingEvent } from '../correlations/instance-views';
import { ModelsService } from '../models/models.service';
import { TriggerEventCommand } from './commands/trigger-event.command';
import { TriggerEventDto, TriggeredEventDto } from './dto/event.dto';

@Injectable()
export class EventsService {
  constructor(
    private readonly db: Database,
    private readonly reader: InstanceReader,
    private readonly models: ModelsService,
    private readonly triggerCommand: TriggerEventCommand,
    private readonly starter: StartInstanceCommand,
  ) {}

  async list(key: string, correlationId: string): Promise<WaitingEventDto[]> {
    await this.models.resolve(key);
    return (await this.db.read((sql) => this.waiting(sql, key, correlationId))).map(waitingEvent);
  }

  /**
   * `eventId` may be a waiting event's id or a BPMN element id. An element id naming several waiting
   * events is ambiguous (409 with the candidates); one naming a message start event of the model starts a
   * new instance in the correlation.
   */
  async trigger(key: string, correlationId: string, eventId: string, body: TriggerEventDto): Promise<TriggeredEventDto> {
    const variables = readVariables(body ?? {});
    const definition = await this.models.resolve(key);
    const waiting = await this.db.read((sql) => this.waiting(sql, key, correlationId));
    const byId = waiting.find((s) => s.id === eventId);
    const byKey = waiting.filter((s) => s.activityId === eventId);
    const chosen = byId ?? (byKey.length === 1 ? byKey[0] : undefined);
    if (!chosen && byKey.length > 1) {
      throw new ApiError(ErrorCode.EVENT_AMBIGUOUS, `'${eventId}' names ${byKey.length} waiting events in correlation '${correlationId}'; trigger one by its eventId`, {
        candidates: byKey.map((s) => s.id),
      });
    }
    if (chosen) {
      // Let requests that arrived together read before this one writes: on SQLite a request's statements
      // never yield, so racing triggers would otherwise run one after the other and every loser would find
      // no waiting event (404) instead of losing the race under the instance lock (409, as specified).
      await new Promise((resolve) => setImmediate(resolve));
      await this.triggerCommand.execute({ subscriptionId: chosen.id, processInstanceId: chosen.processInstanceId! }, variables);
      return { eventId: chosen.id, eventKey: chosen.activityId, processInstanceId: chosen.processInstanceId!, correlationId };
    }
    const start = definition.model.elements[eventId];
    if (start?.type === 'startEvent' && start.parentId === definition.model.key && start.eventDefinition?.kind === 'message') {
      const row = await this.starter.execute({ definition, correlationId, startEventId: start.id, variables });
      const [subscription] = await this.db.read((sql) =>
        sql.query<{ id: string }>("SELECT id FROM event_subscription WHERE kind = 'start' AND process_definition_id = ? AND activity_id = ?", [definition.row.id, start.id]),
      );
      return { eventId: subscription?.id ?? start.id, eventKey: start.id, processInstanceId: row.id, correlationId };
    }
    throw new ApiError(ErrorCode.EVENT_NOT_FOUND, `No waiting event '${eventId}' in correlation '${correlationId}' of process model '${key}'`);
  }

  /**
   * The events waiting in the running instances of a model within a correlation; 404 when there are none of
   * its instances the caller may see.
   */
  private async waiting(sql: Sql, key: string, correlationId: string): Promise<SubscriptionView[]> {
    const visible = tenantFilter('tenant_id');
    const instances = await sql.query<{ id: string; state: string }>(
      `SELECT id, state FROM process_instance WHERE correlation_id = ? AND process_definition_key = ? AND ${visible.sql}`,
      [correlationId, key, ...visible.params],
    );
    if (instances.length === 0) {
      throw new ApiError(ErrorCode.CORRELATION_NOT_FOUND, `No correlation '${correlationId}' with instances of process model '${key}'`);
    }
    return this.reader.subscriptions(sql, instances.filter((i) => i.state === 'running').map((i) => i.id));
  }
}
