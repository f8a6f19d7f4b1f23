import { Injectable } from '@nestjs/common';

type Listener = (bufferedMessageId: string) => void;

/** Raised after a message was committed to the buffer, so the sweeper offers it to waiting executions at once. */
@Injectable()
export class BufferedMessageSignal {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(id: string): void {
    for (const listener of [...this.listeners]) listener(id);
  }
}
