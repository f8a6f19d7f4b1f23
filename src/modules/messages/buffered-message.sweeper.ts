import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { Database } from '../../infrastructure/persistence/database';
import { BufferedMessage, BufferedMessageRepository } from '../../infrastructure/persistence/repositories/buffered-message.repository';
import { CorrelateMessageCommand } from './commands/correlate-message.command';
import { BufferedMessageSignal } from './buffered-message.signal';

const BATCH = 100;

/**
 * Looks after the message buffer: deletes expired messages, and offers kept messages to the executions
 * waiting now. Subscriptions take buffered messages themselves when they open; this closes the gap of a
 * message buffered while a subscription for it was opening in a concurrent transaction, and starts
 * instances of models deployed later when the sender allowed it.
 */
@Injectable()
export class BufferedMessageSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BufferedMessageSweeper.name);
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private sweeping = false;
  /** Where the next sweep continues in the buffer (oldest first); none: from the start. */
  private position?: { readonly createdAt: number; readonly id: string };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly buffer: BufferedMessageRepository,
    private readonly correlate: CorrelateMessageCommand,
    private readonly signal: BufferedMessageSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.signal.subscribe((id) => void this.retry(id));
    this.timer = setInterval(() => void this.sweep(), this.config.continuation.sweepIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = Date.now();
      const expired = await this.db.transaction((tx) => this.buffer.deleteExpired(tx, now));
      if (expired > 0) this.logger.log(`Deleted ${expired} expired buffered message(s)`);
      // A batch per sweep, continuing where the last one stopped, so that every kept message is offered in turn.
      const batch = await this.db.read((sql) => this.buffer.after(sql, this.position, BATCH, now));
      const last = batch[batch.length - 1];
      this.position = batch.length < BATCH || !last ? undefined : { createdAt: last.createdAt, id: last.id };
      for (const message of batch) await this.deliver(message);
    } catch (error) {
      this.logger.warn(`Buffered message sweep failed: ${String(error)}`);
    } finally {
      this.sweeping = false;
    }
  }

  private async retry(id: string): Promise<void> {
    const message = await this.db.read((sql) => this.buffer.get(sql, id)).catch(() => null);
    if (message) await this.deliver(message);
  }

  /** One delivery attempt; the message stays buffered unless it reached a target. */
  private async deliver(message: BufferedMessage): Promise<void> {
    if (message.expiresAt <= Date.now()) return;
    try {
      await this.correlate.execute({
        set: { messageName: message.messageName, ...withoutVisibility(message.criteria) },
        all: false,
        payload: message.payload,
        fromBuffer: message.id,
        executionsOnly: !message.mayStart,
        via: 'buffered message',
        visibleTenants: message.criteria.visibleTenants ?? null,
      });
    } catch {
      // Still nothing (or several things) to deliver to: it waits for a subscription to open.
    }
  }
}

function withoutVisibility(criteria: BufferedMessage['criteria']) {
  const { visibleTenants: _ignored, ...set } = criteria;
  return set;
}
