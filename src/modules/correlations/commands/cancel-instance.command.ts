import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../../common/errors/api-error';
import { Engine } from '../../../engine';
import { canSeeTenant } from '../../../infrastructure/auth/request-context';
import { Database } from '../../../infrastructure/persistence/database';
import { InstanceStore } from '../../../infrastructure/persistence/repositories/instance-store';

/** Cancels a running instance in one transaction: every token, task and subscription goes with it. */
@Injectable()
export class CancelInstanceCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
  ) {}

  async execute(processInstanceId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const loaded = await this.store.load(tx, processInstanceId, { lock: true });
      // An instance of a tenant the caller may not see does not exist for it.
      if (!loaded || !canSeeTenant(loaded.row.tenantId)) throw new ApiError(ErrorCode.INSTANCE_NOT_FOUND, `Process instance ${processInstanceId} does not exist`);
      if (loaded.state.status !== 'running') {
        throw new ApiError(ErrorCode.INSTANCE_NOT_RUNNING, `Process instance ${processInstanceId} has already ended (${loaded.state.status})`);
      }
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      this.engine.cancel(ctx);
      await this.store.save(tx, loaded, ctx, Date.now());
      await tx.execute('DELETE FROM continuation_outbox WHERE process_instance_id = ?', [processInstanceId]);
    });
  }
}
