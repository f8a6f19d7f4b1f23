/**
 * Camunda's conversion of a JSON value to a primitive value type: kept as-is when Jackson already
 * decoded it to the target Java class, otherwise Jackson's `readValue("\"" + value + "\"", javaType)`.
 */
import { decodeBase64Strict, encodeBase64 } from './base64';
import { parseCamundaDate } from './camunda-date';
import { javaToString } from './java-text';

export type Scalar = string | number | boolean | null;
export type PrimitiveName = 'String' | 'Integer' | 'Short' | 'Long' | 'Double' | 'Boolean' | 'Date' | 'Bytes' | 'Null' | 'Number';

export const INVALID = Symbol('invalid');

export const JAVA_CLASS: Record<PrimitiveName, string> = {
  String: 'java.lang.String', Integer: 'java.lang.Integer', Short: 'java.lang.Short',
  Long: 'java.lang.Long', Double: 'java.lang.Double', Boolean: 'java.lang.Boolean',
  Date: 'java.util.Date', Bytes: '[B', Null: 'javax.lang.model.type.NullType', Number: 'java.lang.Number',
};

const INTEGER_RANGES: Partial<Record<PrimitiveName, readonly [bigint, bigint]>> = {
  Short: [-(2n ** 15n), 2n ** 15n - 1n],
  Integer: [-(2n ** 31n), 2n ** 31n - 1n],
  Long: [-(2n ** 63n), 2n ** 63n - 1n],
};

const INTEGER_TEXT = /^[+-]?\d+$/;
const DOUBLE_TEXT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;

/** Java's class check, then Jackson's `readValue("\"" + value + "\"", javaType)` (§2.3). */
export function coercePrimitive(type: PrimitiveName, value: unknown): Scalar | typeof INVALID {
  if (typeof value === 'string' && type === 'String') return value;
  if (typeof value === 'boolean' && type === 'Boolean') return value;
  if (typeof value === 'number' && (type === 'Number' || type === 'Double' || type === 'Long' || type === 'Integer')) {
    if (type === 'Number' || type === 'Double') return value;
    if (Number.isInteger(value)) {
      const [min, max] = INTEGER_RANGES[type]!;
      // A JS number cannot hold Long.MAX_VALUE exactly; it arrives rounded up to 2^63.
      const upper = type === 'Long' ? 2 ** 63 : Number(max);
      return value >= Number(min) && value <= upper ? (value === 0 ? 0 : value) : INVALID;
    }
  }

  let text: string;
  try {
    text = JSON.parse(`"${javaToString(value)}"`) as string;
  } catch {
    return INVALID;
  }
  if (type === 'String') return text;
  if (type === 'Bytes') {
    const bytes = decodeBase64Strict(text);
    return bytes === null ? INVALID : encodeBase64(bytes);
  }
  if (type === 'Null') return INVALID;

  // Jackson maps empty/blank text and the literal "null" to a null wrapper value for scalar types.
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'null') return null;
  switch (type) {
    case 'Boolean':
      if (trimmed === 'true' || trimmed === 'True' || trimmed === 'TRUE') return true;
      if (trimmed === 'false' || trimmed === 'False' || trimmed === 'FALSE') return false;
      return INVALID;
    case 'Date':
      return parseCamundaDate(trimmed) ?? INVALID;
    case 'Double':
    case 'Number':
      return parseJavaDouble(trimmed);
    default: {
      if (!INTEGER_TEXT.test(trimmed)) return INVALID;
      const [min, max] = INTEGER_RANGES[type]!;
      const n = BigInt(trimmed);
      return n >= min && n <= max ? Number(n) : INVALID;
    }
  }
}

function parseJavaDouble(text: string): number | typeof INVALID {
  if (text === 'INF') return Infinity;
  if (text === '-INF') return -Infinity;
  const m = DOUBLE_TEXT.exec(text);
  if (!m) return INVALID;
  if (m[1] === 'NaN') return NaN;
  const negative = text.startsWith('-');
  if (m[1] === 'Infinity') return negative ? -Infinity : Infinity;
  return Number(text.replace(/[fFdD]$/, ''));
}
