import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { CorrelationSet, MessagePayload } from '../../../engine';
import { Row, Sql } from '../database';

/**
 * Criteria of a buffered message: everything of a correlation set but the name, which has its column, and
 * the tenants its sender could reach (null: all), which bound where it may still be delivered.
 */
export type BufferedCriteria = Omit<CorrelationSet, 'messageName'> & { readonly visibleTenants?: readonly string[] | null };

export interface BufferedMessage {
  readonly id: string;
  readonly messageName: string;
  readonly criteria: BufferedCriteria;
  readonly payload: MessagePayload;
  readonly mayStart: boolean;
  readonly tenantId: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
}

const COLUMNS = 'id, message_name, criteria, payload, may_start, tenant_id, created_at, expires_at';

/** Messages kept for a subscription that has not opened yet (see the timeToLive of POST /messages). */
@Injectable()
export class BufferedMessageRepository {
  async insert(sql: Sql, message: Omit<BufferedMessage, 'id'>): Promise<BufferedMessage> {
    const stored = { ...message, id: randomUUID() };
    await sql.execute(`INSERT INTO buffered_message (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      stored.id, stored.messageName, JSON.stringify(stored.criteria), JSON.stringify(stored.payload), stored.mayStart,
      stored.tenantId, stored.createdAt, stored.expiresAt,
    ]);
    return stored;
  }

  /** Unexpired messages of a name, oldest first: the order in which waiting subscriptions take them. */
  async candidates(sql: Sql, messageName: string, now: number, options: { mayStart?: boolean } = {}): Promise<BufferedMessage[]> {
    const startFilter = options.mayStart ? ' AND may_start = ?' : '';
    const rows = await sql.query(
      `SELECT ${COLUMNS} FROM buffered_message WHERE message_name = ? AND expires_at > ?${startFilter} ORDER BY created_at, id LIMIT 100`,
      options.mayStart ? [messageName, now, true] : [messageName, now],
    );
    return rows.map(toBufferedMessage);
  }

  /**
   * Unexpired messages after a position in (created_at, id) order, oldest first: walks the whole buffer in
   * batches, however many messages it holds.
   */
  async after(sql: Sql, position: { readonly createdAt: number; readonly id: string } | undefined, limit: number, now: number): Promise<BufferedMessage[]> {
    const after = position ? ' AND (created_at > ? OR (created_at = ? AND id > ?))' : '';
    const rows = await sql.query(
      `SELECT ${COLUMNS} FROM buffered_message WHERE expires_at > ?${after} ORDER BY created_at, id LIMIT ?`,
      position ? [now, position.createdAt, position.createdAt, position.id, limit] : [now, limit],
    );
    return rows.map(toBufferedMessage);
  }

  /** Takes a message out of the buffer; false when a concurrent transaction took it first. */
  async consume(sql: Sql, id: string): Promise<boolean> {
    return (await sql.execute('DELETE FROM buffered_message WHERE id = ?', [id])) === 1;
  }

  async get(sql: Sql, id: string): Promise<BufferedMessage | null> {
    const [row] = await sql.query(`SELECT ${COLUMNS} FROM buffered_message WHERE id = ?`, [id]);
    return row ? toBufferedMessage(row) : null;
  }

  async list(sql: Sql, filter: { messageName?: string; tenantIds?: readonly string[] | null }, page: { offset: number; limit: number }, now: number) {
    const where = ['expires_at > ?'];
    const params: unknown[] = [now];
    if (filter.messageName !== undefined) {
      where.push('message_name = ?');
      params.push(filter.messageName);
    }
    if (filter.tenantIds) {
      where.push(`(tenant_id IS NULL OR tenant_id IN (${filter.tenantIds.map(() => '?').join(', ') || "''"}))`);
      params.push(...filter.tenantIds);
    }
    const clause = where.join(' AND ');
    const [{ total }] = await sql.query<{ total: number }>(`SELECT COUNT(*) AS total FROM buffered_message WHERE ${clause}`, params);
    const rows = await sql.query(`SELECT ${COLUMNS} FROM buffered_message WHERE ${clause} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
      ...params, page.limit, page.offset,
    ]);
    return { total: Number(total), items: rows.map(toBufferedMessage) };
  }

  async deleteExpired(sql: Sql, now: number): Promise<number> {
    return sql.execute('DELETE FROM buffered_message WHERE expires_at <= ?', [now]);
  }
}

function toBufferedMessage(row: Row): BufferedMessage {
  return {
    id: String(row.id),
    messageName: String(row.message_name),
    criteria: JSON.parse(String(row.criteria)) as BufferedCriteria,
    payload: JSON.parse(String(row.payload)) as MessagePayload,
    mayStart: row.may_start === true || row.may_start === 1,
    tenantId: (row.tenant_id as string | null) ?? null,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}
