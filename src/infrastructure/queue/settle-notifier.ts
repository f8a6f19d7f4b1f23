import { Injectable } from '@nestjs/common';

import { Database } from '../persistence/database';

const POLL_MS = 50;

/**
 * Lets a request wait until the continuations it caused have run ("read your writes" for Camunda
 * clients, and Prefer: wait on native routes). An instance is settled when it has no pending outbox row.
 * Continuations that run in this process notify at once; others are noticed by polling.
 */
@Injectable()
export class SettleNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly db: Database) {}

  notify(processInstanceId: string): void {
    const waiting = this.waiters.get(processInstanceId);
    if (!waiting) return;
    this.waiters.delete(processInstanceId);
    for (const wake of waiting) wake();
  }

  /** Resolves true once every instance is settled, false if the timeout passed first. */
  async waitFor(processInstanceIds: readonly string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let pending = [...new Set(processInstanceIds)];
    for (;;) {
      let wake!: () => void;
      const signalled = new Promise<void>((resolve) => (wake = resolve));
      for (const id of pending) this.listen(id, wake);
      pending = await this.pending(pending);
      const remaining = deadline - Date.now();
      if (pending.length === 0 || remaining <= 0) {
        for (const id of processInstanceIds) this.waiters.get(id)?.delete(wake);
        return pending.length === 0;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([signalled, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(remaining, POLL_MS))))]);
      clearTimeout(timer);
      for (const id of processInstanceIds) this.waiters.get(id)?.delete(wake);
    }
  }

  private listen(id: string, wake: () => void): void {
    let set = this.waiters.get(id);
    if (!set) this.waiters.set(id, (set = new Set()));
    set.add(wake);
  }

  private async pending(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.read((sql) =>
      sql.query<{ process_instance_id: string }>(
        `SELECT process_instance_id FROM continuation_outbox WHERE status = 'pending' AND process_instance_id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      ),
    );
    return rows.map((r) => r.process_instance_id);
  }
}
