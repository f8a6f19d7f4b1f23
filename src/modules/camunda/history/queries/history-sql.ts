import { CamundaSort } from '../../common/camunda-query';

/**
 * ORDER BY for the requested sort, then the tie-breaker. Columns that may be null (end time, duration,
 * business key) sort their nulls last ascending and first descending on both databases, as PostgreSQL
 * does by default (SQLite would put them first).
 */
export function orderBy(sort: CamundaSort | null, nullable: ReadonlySet<string>, tieBreaker: string): string {
  if (!sort) return `${tieBreaker} ASC`;
  const key = nullable.has(sort.column) ? `CASE WHEN ${sort.column} IS NULL THEN 1 ELSE 0 END ${sort.direction}, ` : '';
  return `${key}${sort.column} ${sort.direction}, ${tieBreaker} ASC`;
}

/** `column IN (…)`, or a condition matching nothing for an empty list. */
export function inList(column: string, values: readonly unknown[]): { sql: string; params: unknown[] } {
  if (values.length === 0) return { sql: '1 = 0', params: [] };
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** Epoch milliseconds of a bigint column (PostgreSQL hands bigints over as strings). */
export function epoch(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function nullableText(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}
