import { renderVariables } from '../../common/variables/native-variables';
import { TypedValue } from '../../engine';
import { IncidentView, InstanceView, SubscriptionView, activeElements } from '../../infrastructure/persistence/read/instance-reader';
import { IncidentDto, InstanceSummaryDto, WaitingEventDto } from './dto/instance.dto';

/** BPMN element type that holds each kind of subscription, as the native API names it. */
const EVENT_TYPES: Record<string, string> = {
  catch: 'intermediateCatchEvent',
  gateway: 'intermediateCatchEvent',
  'receive-task': 'receiveTask',
  boundary: 'boundaryEvent',
  'event-subprocess': 'startEvent',
  start: 'startEvent',
};

export function waitingEvent(s: SubscriptionView): WaitingEventDto {
  const interrupting = s.kind === 'boundary' || s.kind === 'event-subprocess' ? { interrupting: s.interrupting } : {};
  return {
    eventId: s.id,
    eventKey: s.activityId,
    eventType: EVENT_TYPES[s.kind] ?? s.kind,
    eventName: s.eventName,
    processInstanceId: s.processInstanceId ?? '',
    ...interrupting,
    createdAt: iso(s.createdAt),
  };
}

export function incident(i: IncidentView): IncidentDto {
  return { id: i.id, incidentType: i.incidentType, elementId: i.activityId, message: i.message, createdAt: iso(i.createdAt) };
}

export function instanceSummary(view: InstanceView, variables: Record<string, TypedValue>): InstanceSummaryDto {
  return {
    processInstanceId: view.id,
    processModelKey: view.processDefinitionKey,
    processModelVersion: view.processDefinitionVersion,
    businessKey: view.businessKey,
    state: view.state,
    startedAt: iso(view.startedAt),
    endedAt: view.endedAt === null ? null : iso(view.endedAt),
    activeElementIds: activeElements(view.snapshot).map((a) => a.elementId),
    variables: renderVariables(variables),
  };
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
