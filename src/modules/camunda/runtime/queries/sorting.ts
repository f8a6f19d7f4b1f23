import { CamundaSort, readSort } from '../../common/camunda-query';
import { engineException, invalidRequest } from '../../common/camunda-errors';

export type SortColumns = Readonly<Record<string, string>>;

export interface SortingEntry {
  sortBy?: unknown;
  sortOrder?: unknown;
}

export interface BodySorting {
  sortBy?: unknown;
  sortOrder?: unknown;
  sorting?: readonly SortingEntry[] | null;
}

/** `sortBy` + `sortOrder` query parameters (GET lists). */
export function querySorts(query: Record<string, unknown>, columns: SortColumns): CamundaSort[] {
  const sort = readSort(query, columns);
  return sort ? [sort] : [];
}

/**
 * Sorting of a POST query body. Top-level `sortBy`/`sortOrder` are validated by their setters while Jackson
 * binds the body, so a bad value is a mapping error (400, empty message). Entries of `sorting` are applied
 * as Camunda's query builder applies them: an unknown `sortBy` is skipped, a direction needs a preceding
 * property, and a property without a direction fails the query.
 */
export function bodySorts(body: BodySorting, columns: SortColumns): CamundaSort[] {
  const sorts: { column: string; direction: 'ASC' | 'DESC' | null }[] = [];
  const { sortBy, sortOrder } = body;
  if (sortBy != null && !columns[String(sortBy)]) throw invalidRequest('');
  if (sortOrder != null && sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidRequest('');
  if ((sortBy == null) !== (sortOrder == null)) throw invalidRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  if (sortBy != null) sorts.push({ column: columns[String(sortBy)], direction: sortOrder === 'asc' ? 'ASC' : 'DESC' });
  for (const entry of body.sorting ?? []) {
    const column = entry?.sortBy != null ? columns[String(entry.sortBy)] : undefined;
    if (column) sorts.push({ column, direction: null });
    if (entry?.sortOrder !== 'asc' && entry?.sortOrder !== 'desc') continue;
    const last = sorts[sorts.length - 1];
    if (!last) {
      throw engineException(400, 'NotValidException', 'You should call any of the orderBy methods first before specifying a direction: currentOrderingProperty is null');
    }
    last.direction = entry.sortOrder === 'asc' ? 'ASC' : 'DESC';
  }
  return sorts.map((s) => {
    if (s.direction === null) throw engineException(400, 'NotValidException', 'Invalid query: call asc() or desc() after using orderByXX(): direction is null');
    return { column: s.column, direction: s.direction };
  });
}

/** ORDER BY clause: the requested sorts, then the id (Camunda's default order, and a stable tie-breaker). */
export function orderBySql(sorts: readonly CamundaSort[], idColumn: string): string {
  return [...sorts.map((s) => `${s.column} ${s.direction}`), `${idColumn} ASC`].join(', ');
}

/** In-memory sorting for lists derived from instance snapshots (executions). */
export function compareBy<T>(sorts: readonly CamundaSort[], value: (item: T, column: string) => string, id: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    for (const s of sorts) {
      const left = value(a, s.column);
      const right = value(b, s.column);
      if (left !== right) return (left < right ? -1 : 1) * (s.direction === 'ASC' ? 1 : -1);
    }
    return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  };
}
