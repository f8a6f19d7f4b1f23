import { Injectable } from '@nestjs/common';

import { Database } from '../../persistence/database';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

export type Reservation =
  | { readonly kind: 'reserved' }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'pending' };

/**
 * The idempotency_key table. The first request with a key reserves it (its primary key makes exactly one
 * request the winner, across processes); the answer is stored once known and replayed to repeats.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  async reserve(key: string, requestHash: string, now: number, retentionMs: number, takeOverAfterMs: number): Promise<Reservation> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.execute(
        `INSERT INTO idempotency_key (key, request_hash, state, created_at, expires_at) VALUES (?, ?, 'pending', ?, ?)
         ON CONFLICT (key) DO NOTHING`,
        [key, requestHash, now, now + retentionMs],
      );
      if (inserted === 1) return { kind: 'reserved' };
      const [row] = await tx.query<{ request_hash: string; state: string; response_status: number | null; response_body: string | null; response_headers: string | null; created_at: number; expires_at: number }>(
        'SELECT request_hash, state, response_status, response_body, response_headers, created_at, expires_at FROM idempotency_key WHERE key = ?',
        [key],
      );
      if (!row) return { kind: 'pending' };
      if (Number(row.expires_at) <= now) {
        // The old answer has expired: this request starts afresh under the same key.
        await tx.execute("UPDATE idempotency_key SET request_hash = ?, state = 'pending', response_status = NULL, response_body = NULL, response_headers = NULL, created_at = ?, expires_at = ? WHERE key = ?", [
          requestHash, now, now + retentionMs, key,
        ]);
        return { kind: 'reserved' };
      }
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'done') {
        return {
          kind: 'replay',
          answer: {
            status: Number(row.response_status),
            body: row.response_body === null ? undefined : JSON.parse(row.response_body),
            headers: row.response_headers ? (JSON.parse(row.response_headers) as Record<string, string>) : {},
          },
        };
      }
      // A first request that died after reserving: after a while a repeat may take its place.
      if (Number(row.created_at) < now - takeOverAfterMs) {
        const taken = await tx.execute("UPDATE idempotency_key SET created_at = ? WHERE key = ? AND state = 'pending' AND created_at = ?", [
          now, key, row.created_at,
        ]);
        if (taken === 1) return { kind: 'reserved' };
      }
      return { kind: 'pending' };
    });
  }

  async complete(key: string, answer: StoredAnswer): Promise<void> {
    await this.db.transaction((tx) =>
      tx.execute("UPDATE idempotency_key SET state = 'done', response_status = ?, response_body = ?, response_headers = ? WHERE key = ?", [
        answer.status, answer.body === undefined ? null : JSON.stringify(answer.body), JSON.stringify(answer.headers), key,
      ]),
    );
  }

  /** The first request failed in a way worth retrying (5xx): the key is free again. */
  async release(key: string): Promise<void> {
    await this.db.transaction((tx) => tx.execute("DELETE FROM idempotency_key WHERE key = ? AND state = 'pending'", [key]));
  }

  async deleteExpired(now: number): Promise<number> {
    return this.db.transaction((tx) => tx.execute('DELETE FROM idempotency_key WHERE expires_at <= ?', [now]));
  }
}
