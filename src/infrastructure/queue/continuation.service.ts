import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { Tx } from '../persistence/database';
import { CONTINUATION_DRIVER, ContinuationDriver } from './continuation-driver';
import { SettleNotifier } from './settle-notifier';

/** What commands use: hand continuation work over after commit, and optionally wait for it. */
@Injectable()
export class ContinuationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONTINUATION_DRIVER) private readonly driver: ContinuationDriver,
    private readonly settle: SettleNotifier,
  ) {}

  /** Dispatches the outbox row once the transaction has committed; never if it rolls back. */
  afterCommit(tx: Tx, outboxId: string | undefined): void {
    if (outboxId) tx.afterCommit(() => this.driver.dispatch([outboxId]));
  }

  /**
   * Waits until the instances' continuations have run (their next wait states are reached), at most the
   * given time (default: the configured wait timeout). Resolves whether they did.
   */
  waitForSettled(processInstanceIds: readonly string[], timeoutMs = this.config.continuation.waitTimeoutMs): Promise<boolean> {
    return this.settle.waitFor(processInstanceIds, timeoutMs);
  }
}
