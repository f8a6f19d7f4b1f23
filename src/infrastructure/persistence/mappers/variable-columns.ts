import { createHash } from 'node:crypto';

import { TypedValue, ValueType } from '../../../engine';

/** How a typed value is spread over the variable table's columns. */
export interface VariableColumns {
  readonly type: string;
  readonly textValue: string | null;
  readonly textKey: string | null;
  readonly longValue: number | null;
  readonly doubleValue: number | null;
  readonly valueInfo: string | null;
}

const MAX_INLINE_KEY = 200;

/**
 * Strings longer than an index entry can hold are keyed by a hash; lookups compare the full text too,
 * so a collision can never produce a false match.
 */
export function textKey(text: string): string {
  return text.length <= MAX_INLINE_KEY ? text : `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function toColumns(value: TypedValue): VariableColumns {
  const info = value.valueInfo && Object.keys(value.valueInfo).length > 0 ? JSON.stringify(value.valueInfo) : null;
  const base = { type: value.type, textValue: null, textKey: null, longValue: null, doubleValue: null, valueInfo: info };
  const v = value.value;
  switch (value.type) {
    case 'String':
      return v === null ? base : { ...base, textValue: String(v), textKey: textKey(String(v)) };
    case 'Integer':
    case 'Short':
    case 'Long':
    case 'Date':
      return { ...base, longValue: v === null ? null : Number(v) };
    case 'Boolean':
      return { ...base, longValue: v === null ? null : v ? 1 : 0 };
    case 'Double':
      return { ...base, doubleValue: v === null ? null : Number(v), textValue: typeof v === 'number' && !Number.isFinite(v) ? String(v) : null };
    case 'Null':
      return base;
    default:
      return { ...base, textValue: v === null ? null : String(v) };
  }
}

export function fromColumns(row: {
  type: string;
  text_value: string | null;
  long_value: number | string | null;
  double_value: number | string | null;
  value_info: string | null;
}): TypedValue {
  const type = row.type as ValueType;
  const valueInfo = row.value_info ? (JSON.parse(row.value_info) as TypedValue['valueInfo']) : undefined;
  const long = row.long_value === null ? null : Number(row.long_value);
  let value: TypedValue['value'];
  switch (type) {
    case 'Integer':
    case 'Short':
    case 'Long':
    case 'Date':
      value = long;
      break;
    case 'Boolean':
      value = long === null ? null : long !== 0;
      break;
    case 'Double':
      value = row.text_value !== null ? Number(row.text_value) : row.double_value === null ? null : Number(row.double_value);
      break;
    case 'Null':
      value = null;
      break;
    default:
      value = row.text_value;
  }
  return valueInfo ? { type, value, valueInfo } : { type, value };
}

/** The column and value a correlation key is compared on, for an index lookup. */
export function criterion(value: TypedValue): { column: 'text_key' | 'long_value' | 'double_value' | null; key: unknown; full?: string } {
  const columns = toColumns(value);
  if (value.value === null) return { column: null, key: null };
  switch (value.type) {
    case 'String':
      return { column: 'text_key', key: columns.textKey, full: columns.textValue ?? undefined };
    case 'Double':
      return { column: 'double_value', key: columns.doubleValue };
    default:
      return { column: 'long_value', key: columns.longValue };
  }
}
