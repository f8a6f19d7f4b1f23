import { Global, Module } from '@nestjs/common';

import { CONTINUATION_DRIVER } from './continuation-driver';
import { ContinuationRunner } from './continuation-runner';
import { ContinuationService } from './continuation.service';
import { InProcessContinuationDriver } from './in-process.driver';
import { SettleNotifier } from './settle-notifier';

/** Continuation plumbing shared by every command: the runner, the driver and the settle notifier. */
@Global()
@Module({
  providers: [
    ContinuationRunner,
    ContinuationService,
    InProcessContinuationDriver,
    SettleNotifier,
    { provide: CONTINUATION_DRIVER, useExisting: InProcessContinuationDriver },
  ],
  exports: [ContinuationRunner, ContinuationService, SettleNotifier],
})
export class QueueModule {}
