import { DynamicModule, Global, Module, Provider } from '@nestjs/common';

import { AppConfig } from '../../config/configuration';
import { BufferedMessageConsumer } from './buffered-message-consumer';
import { BullmqContinuationDriver } from './bullmq/bullmq.driver';
import { ContinuationProcessor } from './bullmq/continuation.processor';
import { ExternalTaskSignalRelay } from './bullmq/external-task-signal.relay';
import { InstanceEventRelay } from './bullmq/instance-event.relay';
import { OutboxSweeper } from './bullmq/outbox-sweeper';
import { SettleEventsListener } from './bullmq/settle-events.listener';
import { CONTINUATION_DRIVER } from './continuation-driver';
import { ContinuationRunner } from './continuation-runner';
import { ContinuationService } from './continuation.service';
import { InProcessContinuationDriver } from './in-process.driver';
import { SettleNotifier } from './settle-notifier';

export type ProcessRole = 'api' | 'worker';

/**
 * Continuation plumbing. Without Redis the API process runs continuations itself (in-process driver with
 * its own sweeper). With Redis, API processes enqueue to BullMQ and listen for completions, and worker
 * processes consume the queue and sweep the outbox.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    const common: Provider[] = [BufferedMessageConsumer, ContinuationRunner, ContinuationService, SettleNotifier];
    let drivers: Provider[];
    if (!config.redisUrl) {
      drivers = [InProcessContinuationDriver, { provide: CONTINUATION_DRIVER, useExisting: InProcessContinuationDriver }];
    } else {
      drivers = [BullmqContinuationDriver, { provide: CONTINUATION_DRIVER, useExisting: BullmqContinuationDriver }];
      drivers.push(...(role === 'api' ? [SettleEventsListener] : [ContinuationProcessor, OutboxSweeper]), ExternalTaskSignalRelay, InstanceEventRelay);
    }
    return {
      module: QueueModule,
      providers: [...common, ...drivers],
      exports: [ContinuationRunner, ContinuationService, SettleNotifier, CONTINUATION_DRIVER, ...(config.redisUrl ? [BullmqContinuationDriver] : [])],
    };
  }
}
