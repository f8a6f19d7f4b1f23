import { parseCamundaDate } from '../../../../engine';
import { engineException, invalidRequest } from '../../common/camunda-errors';

/** One `name operator value` criterion of a Camunda list query (§4.10). */
export interface VariableCondition {
  readonly name: string;
  readonly operator: string;
  readonly value: unknown;
}

export interface IgnoreCase {
  readonly names: boolean;
  readonly values: boolean;
}

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const COMPARATORS: Readonly<Record<string, string>> = { eq: '=', neq: '=', gt: '>', gteq: '>=', lt: '<', lteq: '<=', like: 'LIKE', notLike: 'LIKE' };

/** `variables: [{name, operator, value}]` of a POST query body; the value keeps its JSON type. */
export function readBodyConditions(list: readonly unknown[] | null | undefined): VariableCondition[] {
  return (list ?? []).map((entry) => {
    const item = (entry ?? {}) as Record<string, unknown>;
    if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest('');
    const operator = String(item.operator ?? '');
    if (!(operator in COMPARATORS)) throw invalidRequest(`Invalid variable comparator specified: ${operator}`);
    return { name: String(item.name ?? ''), operator, value: item.value ?? null };
  });
}

/**
 * The predicate one variable row (alias `v`) must meet, as Camunda's `variableValueConditions` writes it:
 * type-exact on the value column, `neq`/`notLike` as the negation of `eq`/`like` over rows of that name, a
 * null value matching any type holding null. A string that parses in the REST date format compares as a
 * Date; an untyped JSON number matches Integer, Long, Short and Double variables alike.
 */
export function variablePredicate(alias: string, condition: VariableCondition, ignoreCase: IgnoreCase): SqlFragment {
  const name = ignoreCase.names ? `UPPER(${alias}.name) = UPPER(?)` : `${alias}.name = ?`;
  const value = valuePredicate(alias, condition, ignoreCase.values);
  const negate = condition.operator === 'neq' || condition.operator === 'notLike';
  return { sql: `${name} AND ${negate ? 'NOT ' : ''}(${value.sql})`, params: [condition.name, ...value.params] };
}

function valuePredicate(a: string, condition: VariableCondition, ignoreValueCase: boolean): SqlFragment {
  const op = COMPARATORS[condition.operator];
  const like = op === 'LIKE';
  const value = condition.value;
  if (value === null || value === undefined) {
    return { sql: `${a}.text_value IS NULL AND ${a}.long_value IS NULL AND ${a}.double_value IS NULL`, params: [] };
  }
  if (typeof value === 'object') throw engineException(500, 'ProcessEngineException', 'Object values cannot be used to query');
  if (typeof value === 'string' && !like) {
    const date = parseCamundaDate(value);
    if (date !== null) return { sql: `${a}.type = 'Date' AND ${a}.long_value IS NOT NULL AND ${a}.long_value ${op} ?`, params: [date] };
  }
  if (typeof value === 'string' || like) {
    const column = ignoreValueCase ? `UPPER(${a}.text_value)` : `${a}.text_value`;
    const param = ignoreValueCase ? 'UPPER(?)' : '?';
    const escape = like ? " ESCAPE '\\'" : '';
    return { sql: `${a}.type = 'String' AND ${a}.text_value IS NOT NULL AND ${column} ${op} ${param}${escape}`, params: [String(value)] };
  }
  if (typeof value === 'boolean') return { sql: `${a}.type = 'Boolean' AND ${a}.long_value ${op} ?`, params: [value ? 1 : 0] };
  // An untyped number: Camunda ORs one condition per numeric type. The cast keeps PostgreSQL from reading a
  // fractional parameter as bigint.
  return {
    sql:
      `(${a}.type IN ('Integer', 'Long', 'Short') AND ${a}.long_value IS NOT NULL AND ${a}.long_value ${op} CAST(? AS DOUBLE PRECISION))` +
      ` OR (${a}.type = 'Double' AND ${a}.double_value IS NOT NULL AND ${a}.double_value ${op} CAST(? AS DOUBLE PRECISION))`,
    params: [value, value],
  };
}

/** `EXISTS` over the variables of the process instance in column `instanceColumn` (any scope, as Camunda's non-local criteria). */
export function instanceVariableExists(instanceColumn: string, conditions: readonly VariableCondition[], ignoreCase: IgnoreCase): SqlFragment[] {
  return conditions.map((c, i) => {
    const p = variablePredicate(`qv${i}`, c, ignoreCase);
    return { sql: `EXISTS (SELECT 1 FROM variable qv${i} WHERE qv${i}.process_instance_id = ${instanceColumn} AND ${p.sql})`, params: p.params };
  });
}
