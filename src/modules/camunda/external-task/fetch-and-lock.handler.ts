import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { ExternalTaskSignal } from '../../../infrastructure/persistence/repositories/external-task-signal';
import { invalidRequest, restException } from '../common/camunda-errors';
import { FetchAndLockCommand, LockedTask } from './commands/fetch-and-lock.command';
import { FetchRequest } from './fetch-request';

/** Camunda's default capacity of the queue of parked fetch-and-lock requests (fetch-and-lock-queue-capacity). */
export const PARKED_REQUEST_CAPACITY = 200;

/** Parked requests are retried at least this often, to notice tasks created by other processes and expired locks. */
export const RETRY_INTERVAL_MS = 1_000;

/** How the caller learns that the client went away (the HTTP connection closed) while its request waited. */
export interface ClientConnection {
  onClose(listener: () => void): void;
}

interface Parked {
  readonly request: FetchRequest;
  readonly deadline: number;
  readonly resolve: (tasks: LockedTask[]) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
  settled: boolean;
}

/**
 * Long polling for fetch-and-lock (Camunda's FetchAndLockHandlerImpl). A request is tried at once; when it
 * locks nothing and has an asyncResponseTimeout it is parked in memory, holding no database connection or
 * transaction while it waits. Parked requests are retried, one short transaction each, oldest first:
 * when external tasks were created or unlocked (ExternalTaskSignal, raised after commit in this process or
 * relayed from other processes), every RETRY_INTERVAL_MS while any wait, and once more when a request's
 * timeout passes. A request is answered as soon as a retry locks at least one task, with [] at its
 * timeout, or with the error a retry raised. One retry round runs at a time; a signal during a round
 * triggers another. At most PARKED_REQUEST_CAPACITY requests wait; on shutdown they are all answered with
 * Camunda's "Request rejected due to shutdown of application server.".
 */
@Injectable()
export class FetchAndLockHandler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FetchAndLock');
  private readonly parked: Parked[] = [];
  private unsubscribe?: () => void;
  private ticker?: NodeJS.Timeout;
  private round?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly command: FetchAndLockCommand,
    private readonly signal: ExternalTaskSignal,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.signal.subscribe(() => this.kick());
    this.ticker = setInterval(() => {
      if (this.parked.length > 0) this.kick();
    }, RETRY_INTERVAL_MS);
    this.ticker.unref();
  }

  /** Runs before the HTTP server closes, so that parked requests do not hold its shutdown up. */
  onModuleDestroy(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.ticker);
    for (const parked of this.parked.splice(0)) {
      this.settle(parked, () => parked.reject(restException(500, 'Request rejected due to shutdown of application server.', null)));
    }
  }

  /** How many requests wait right now. */
  get waiting(): number {
    return this.parked.length;
  }

  async fetchAndLock(request: FetchRequest, connection?: ClientConnection): Promise<LockedTask[]> {
    const tasks = await this.command.execute(request);
    if (tasks.length > 0 || request.asyncResponseTimeout === null) return tasks;
    if (this.stopped) throw restException(500, 'Request rejected due to shutdown of application server.', null);
    if (this.parked.length >= PARKED_REQUEST_CAPACITY) {
      throw invalidRequest('At the moment the server has to handle too many requests at the same time. Please try again later.', 500);
    }
    return new Promise<LockedTask[]>((resolve, reject) => {
      const timeout = Math.max(0, request.asyncResponseTimeout ?? 0);
      const parked: Parked = {
        request,
        deadline: Date.now() + timeout,
        resolve,
        reject,
        timer: setTimeout(() => this.kick(), timeout),
        settled: false,
      };
      this.parked.push(parked);
      // A client that gave up must not get tasks locked for it that nobody will work on.
      connection?.onClose(() => this.settle(parked, () => resolve([])));
    });
  }

  /** Starts a retry round, or asks the running one to go again when it is done. */
  private kick(): void {
    if (this.stopped) return;
    if (this.round) {
      this.again = true;
      return;
    }
    this.round = this.retryAll()
      .catch((error: unknown) => this.logger.error(`Retrying parked fetch-and-lock requests failed: ${String(error)}`))
      .finally(() => {
        this.round = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async retryAll(): Promise<void> {
    if (this.parked.length === 0) return;
    let fetchable = await this.command.fetchableTopics();
    for (const parked of [...this.parked]) {
      if (this.stopped) return;
      if (parked.settled) continue;
      const expired = Date.now() >= parked.deadline;
      if (!parked.request.topics.some((t) => fetchable.has(t.topicName))) {
        if (expired) this.settle(parked, () => parked.resolve([]));
        continue;
      }
      try {
        const tasks = await this.command.execute(parked.request);
        if (tasks.length > 0 || expired) this.settle(parked, () => parked.resolve(tasks));
        // What this request took may have been all there was: look again before trying the others.
        if (tasks.length > 0) fetchable = await this.command.fetchableTopics();
      } catch (error) {
        this.settle(parked, () => parked.reject(error));
      }
    }
  }

  private settle(parked: Parked, answer: () => void): void {
    if (parked.settled) return;
    parked.settled = true;
    clearTimeout(parked.timer);
    const index = this.parked.indexOf(parked);
    if (index >= 0) this.parked.splice(index, 1);
    answer();
  }
}
