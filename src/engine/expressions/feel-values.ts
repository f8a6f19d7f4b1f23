import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';

/**
 * Conversions between feelin's values and the plain JavaScript values the engine stores.
 * Going in, nothing is needed: feelin turns JS Dates (also nested in objects and lists) into
 * zoned FEEL date-times by itself, so Date variables compare with each other and with now().
 */

/**
 * The type name of a result as Zeebe prints it in "Expected result of the expression ... to be
 * 'BOOLEAN', but was 'STRING'", so that incidents read the same as in Camunda 8.
 */
export function resultTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDateTime) return value.zone === null ? 'LOCAL_DATE_TIME' : 'DATE_TIME';
  if (value instanceof FeelDate) return 'DATE';
  if (value instanceof FeelTime) return value.zone === null ? 'LOCAL_TIME' : 'TIME';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'PERIOD' : 'DURATION';
  if (isRange(value)) return 'RANGE';
  if (isFunction(value) || typeof value === 'function') return 'FUNCTION';
  if (typeof value === 'object') return 'OBJECT';
  return 'UNKNOWN';
}

/** Thrown when a FEEL result has no plain JavaScript counterpart (a function or a range). */
export class NotAPlainValue extends Error {}

/**
 * Converts a FEEL result back to what the engine stores: a zoned date-time becomes a JS Date
 * (an instant, like the Date variables that came in); local dates, times and durations have
 * no instant, so they become their ISO text.
 */
export function toPlainResult(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  if (Array.isArray(value)) return value.map(toPlainResult);
  if (value instanceof FeelDateTime) {
    if (value.zone === null) return value.iso;
    return new Date(value.unwrap().toZonedDateTime(value.zone).epochMilliseconds);
  }
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) return value.iso;
  if (value instanceof Date) return value;
  const type = resultTypeName(value);
  if (type === 'RANGE' || type === 'FUNCTION') throw new NotAPlainValue(type);
  const plain: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) plain[key] = toPlainResult(entry);
  return plain;
}
