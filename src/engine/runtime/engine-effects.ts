import { ElementType, UserTaskSpec, ExternalTaskSpec } from '../model/process-model';
import { IncidentRecord, SubscriptionRecord, TaskKind } from './instance-state';

/** A task the host must store so people (user tasks) or workers (external tasks) can find it. */
export interface TaskCreated {
  readonly id: string;
  readonly kind: TaskKind;
  readonly elementInstanceId: string;
  readonly elementId: string;
  readonly name?: string;
  readonly createdAt: string;
  readonly userTask?: UserTaskSpec;
  readonly externalTask?: ExternalTaskSpec;
}

export type HistoryKind =
  | 'element-activated'
  | 'element-completed'
  | 'element-terminated'
  | 'sequence-flow-taken'
  | 'subscription-opened'
  | 'subscription-consumed'
  | 'subscription-closed'
  | 'variable-set'
  | 'task-created'
  | 'task-completed'
  | 'incident-created'
  | 'error-thrown';

/** One step of the run, in order; the host stores these as history and streams them to observers. */
export interface HistoryEvent {
  readonly kind: HistoryKind;
  readonly at: string;
  readonly elementId?: string;
  readonly elementInstanceId?: string;
  readonly elementType?: ElementType;
  /** For element lifecycle events: the scope instance the element instance lives in. */
  readonly parentInstanceId?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** What set this run going, as the host tells it (the route a message came in by, a buffered message, …). */
export interface TriggerCause {
  readonly via: string;
  readonly messageName?: string;
}

/** Everything a command or continuation changed besides variables, for the host to persist. */
export class EngineEffects {
  readonly subscriptionsOpened: SubscriptionRecord[] = [];
  readonly subscriptionsClosed: SubscriptionRecord[] = [];
  readonly tasksCreated: TaskCreated[] = [];
  readonly tasksRemoved: { id: string; kind: TaskKind; reason: 'completed' | 'terminated' }[] = [];
  readonly incidents: IncidentRecord[] = [];
  /** Incidents that went away because their element instance ended or they were retried. */
  readonly incidentsResolved: string[] = [];
  readonly history: HistoryEvent[] = [];
  ended?: 'completed' | 'terminated';
  /** Set by the host for the history: how the trigger of this run arrived. */
  cause?: TriggerCause;

  /** Opened then closed in the same run: neither needs a row. */
  netSubscriptions(): { opened: SubscriptionRecord[]; closed: SubscriptionRecord[] } {
    const closedIds = new Set(this.subscriptionsClosed.map((s) => s.id));
    const openedIds = new Set(this.subscriptionsOpened.map((s) => s.id));
    return {
      opened: this.subscriptionsOpened.filter((s) => !closedIds.has(s.id)),
      closed: this.subscriptionsClosed.filter((s) => !openedIds.has(s.id)),
    };
  }

  netTasks(): { created: TaskCreated[]; removed: { id: string; kind: TaskKind; reason: 'completed' | 'terminated' }[] } {
    const removedIds = new Set(this.tasksRemoved.map((t) => t.id));
    const createdIds = new Set(this.tasksCreated.map((t) => t.id));
    return {
      created: this.tasksCreated.filter((t) => !removedIds.has(t.id)),
      removed: this.tasksRemoved.filter((t) => !createdIds.has(t.id)),
    };
  }
}
