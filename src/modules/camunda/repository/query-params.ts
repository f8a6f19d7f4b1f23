import { parseCamundaDate } from '../../../engine';
import { Dialect } from '../../../infrastructure/persistence/database';
import { invalidRequest } from '../common/camunda-errors';

type Query = Record<string, unknown>;

/**
 * Query-string readers with the semantics of Camunda's AbstractSearchQueryDto: the first value of a
 * repeated parameter wins, values are converted by Jackson, and a failed conversion reads
 * `Cannot set query parameter '<name>' to value '<value>': <converter message>`.
 */
export function text(query: Query, name: string): string | undefined {
  const value = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
  return value === undefined || value === null ? undefined : String(value);
}

export function bool(query: Query, name: string): boolean | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw conversionFailed(name, value, `Cannot convert value ${value} to java type java.lang.Boolean`);
}

export function int(query: Query, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (/^-?\d+$/.test(value.trim()) && n >= -2147483648 && n <= 2147483647) return n;
  throw conversionFailed(name, value, `Cannot convert value ${value} to java type java.lang.Integer`);
}

/** StringListConverter: Java's `split(",")`, so `a,,b` keeps the empty entry and `` is `[""]`. */
export function list(query: Query, name: string): string[] | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const parts = value.split(',');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** DateConverter: the REST date format only, and quotes are refused before Jackson sees the value. */
export function date(query: Query, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (value.startsWith('"') || value.endsWith('"')) {
    throw conversionFailed(name, value, `Cannot convert value ${value} to java type java.util.Date because of double quotes`);
  }
  const parsed = parseCamundaDate(value);
  if (parsed === null) throw conversionFailed(name, value, `Cannot convert value "${value}" to java type java.util.Date`);
  return parsed;
}

function conversionFailed(name: string, value: string, reason: string) {
  return invalidRequest(`Cannot set query parameter '${name}' to value '${value}': ${reason}`);
}

/** AND-ed WHERE clauses with their `?` parameters, in order. */
export class SqlFilter {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  constructor(readonly dialect: Dialect) {}

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  in(column: string, values: readonly unknown[]): this {
    return this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  /**
   * Camunda's `like` with `\` as escape character. It is case-sensitive on PostgreSQL and H2, but SQLite's
   * LIKE ignores ASCII case, so SQLite gets the equivalent GLOB pattern instead.
   */
  like(column: string, pattern: string, caseInsensitive = false): this {
    if (caseInsensitive) return this.add(`UPPER(${column}) LIKE UPPER(CAST(? AS VARCHAR)) ESCAPE '\\'`, pattern);
    if (this.dialect === 'sqlite') return this.add(`${column} GLOB ?`, likeToGlob(pattern));
    return this.add(`${column} LIKE ? ESCAPE '\\'`, pattern);
  }

  /**
   * Tenant criteria of Camunda's queries: withoutTenantId wins over tenantIdIn (it is applied after it and
   * clears the list); the "include without tenant" flag only widens a tenantIdIn. '' is "no tenant" in
   * the database, so it never matches a listed tenant id.
   */
  tenants(column: string, ids: readonly string[] | undefined, without: boolean, includeWithout: boolean): this {
    if (without) return this.add(`${column} = ''`);
    if (!ids || ids.length === 0) return this;
    const named = ids.filter((id) => id !== '');
    const listed = named.length > 0 ? `${column} IN (${named.map(() => '?').join(', ')})` : '1 = 0';
    return this.add(includeWithout ? `(${listed} OR ${column} = '')` : listed, ...named);
  }

  get where(): string {
    return this.clauses.length === 0 ? '' : ` WHERE ${this.clauses.join(' AND ')}`;
  }
}

function likeToGlob(pattern: string): string {
  let glob = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) glob += globLiteral(pattern[++i]);
    else if (c === '%') glob += '*';
    else if (c === '_') glob += '?';
    else glob += globLiteral(c);
  }
  return glob;
}

function globLiteral(c: string): string {
  return c === '*' || c === '?' || c === '[' ? `[${c}]` : c;
}
