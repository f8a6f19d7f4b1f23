import { Injectable } from '@nestjs/common';

/** One step of an instance as observers see it (the live stream of the cockpit and SSE clients). */
export interface InstanceEvent {
  readonly processInstanceId: string;
  readonly correlationId: string;
  readonly processDefinitionKey: string;
  readonly tenantId: string | null;
  readonly kind: string;
  readonly at: string;
  readonly elementId?: string;
  readonly elementInstanceId?: string;
  readonly elementType?: string;
  readonly parentInstanceId?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

type Listener = (events: readonly InstanceEvent[]) => void;

/**
 * Delivers the steps of committed runs to observers in this process, in order, batch by batch. Runs
 * committed in other processes arrive through the Redis relay when there is one.
 */
@Injectable()
export class InstanceEventBus {
  private readonly listeners = new Set<Listener>();
  private readonly outward = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events committed by this process: delivered here and handed to relays for other processes. */
  publish(events: readonly InstanceEvent[]): void {
    if (events.length === 0) return;
    this.deliver(events);
    for (const relay of this.outward) relay(events);
  }

  /** Events committed by another process (from a relay): delivered here only. */
  deliver(events: readonly InstanceEvent[]): void {
    for (const listener of [...this.listeners]) listener(events);
  }

  onPublish(relay: Listener): () => void {
    this.outward.add(relay);
    return () => this.outward.delete(relay);
  }

  get hasObservers(): boolean {
    return this.listeners.size > 0 || this.outward.size > 0;
  }
}
