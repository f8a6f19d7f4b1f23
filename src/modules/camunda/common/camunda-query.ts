import { invalidRequest } from './camunda-errors';

export interface CamundaPage {
  readonly firstResult: number;
  readonly maxResults: number | null;
}

export interface CamundaSort {
  readonly column: string;
  readonly direction: 'ASC' | 'DESC';
}

type Query = Record<string, unknown>;

/** firstResult (default 0) and maxResults (default: unlimited), as every Camunda list endpoint reads them. */
export function readPage(query: Query): CamundaPage {
  return { firstResult: integer(query.firstResult, 'firstResult') ?? 0, maxResults: integer(query.maxResults, 'maxResults') ?? null };
}

/** SQL suffix for a page; LIMIT is required before OFFSET on SQLite, so "unlimited" is written as -1 / ALL. */
export function pageSql(page: CamundaPage, dialect: 'sqlite' | 'postgres'): string {
  const limit = page.maxResults === null ? (dialect === 'sqlite' ? '-1' : 'ALL') : String(page.maxResults);
  return ` LIMIT ${limit} OFFSET ${page.firstResult}`;
}

/**
 * sortBy and sortOrder must come together; the allowed sortBy values map to columns. Returns null when
 * neither is given.
 */
export function readSort(query: Query, columns: Readonly<Record<string, string>>): CamundaSort | null {
  const sortBy = query.sortBy;
  const sortOrder = query.sortOrder;
  if (sortBy === undefined && sortOrder === undefined) return null;
  if (sortBy === undefined || sortOrder === undefined) {
    throw invalidRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  }
  const column = columns[String(sortBy)];
  if (!column) throw invalidRequest(`Cannot set query parameter 'sortBy' to value '${String(sortBy)}'`);
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw invalidRequest(`Cannot set query parameter 'sortOrder' to value '${String(sortOrder)}'`);
  return { column, direction: sortOrder === 'asc' ? 'ASC' : 'DESC' };
}

/** Comma-separated list parameters (`tenantIdIn=a,b`). */
export function readList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function readBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalidRequest(`Cannot set query parameter '${name}' to value '${String(value)}'`);
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw invalidRequest(`Cannot set query parameter '${name}' to value '${text}'`);
  return Math.max(0, Number(text));
}

/**
 * `variables=name_op_value[,…]` conditions (§4.10). In a query string the value is a string, compared as a
 * Date when it parses in the REST date format, else as a String.
 */
export function readVariableConditions(value: unknown): { name: string; operator: string; value: string }[] {
  const terms = readList(value) ?? [];
  return terms.map((term) => {
    const parts = term.split('_');
    if (parts.length !== 3) throw invalidRequest('variable query parameter has to have format KEY_OPERATOR_VALUE.');
    const [name, operator, text] = parts;
    if (!['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like', 'notLike'].includes(operator)) {
      throw invalidRequest(`Invalid variable comparator specified: ${operator}`);
    }
    return { name, operator, value: text };
  });
}
