import { Injectable } from '@nestjs/common';

type Listener = () => void;

/**
 * Raised after a transaction that created (or unlocked) external tasks has committed, so long-polling
 * fetch-and-lock requests parked in this process can try again at once. Work committed by other
 * processes is noticed by those requests' periodic retry (or a cross-process relay subscribed here).
 */
@Injectable()
export class ExternalTaskSignal {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
