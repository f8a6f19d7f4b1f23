/**
 * Renders JSON-decoded values the way Java's `toString` renders what Jackson decodes them to, because
 * Camunda puts that text into error messages and re-parses it when coercing values (§2.3).
 *
 * Jackson decodes integers to Integer/Long (BigInteger beyond 64 bits) and fractions to Double. JSON
 * text is gone by the time we see a number, so `4.0` is indistinguishable from `4` here and is
 * rendered as an integer; whole numbers beyond the 64-bit range are rendered as Java doubles.
 */

const TWO_POW_63 = 2 ** 63;

/** True for a whole number Jackson would decode to Integer/Long (as far as a JS number can tell). */
export function isJavaIntegral(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < TWO_POW_63;
}

/** Java's `Double.toString`: plain notation in [1e-3, 1e7), otherwise `d.dddE±n`. */
export function javaDoubleToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';

  const sign = n < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const abs = Math.abs(n);

  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${whole}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Java text of a JSON number as Jackson would have decoded it. */
export function javaNumberToString(n: number): string {
  if (!isJavaIntegral(n)) return javaDoubleToString(n);
  return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : BigInt(n).toString();
}

/**
 * `String.valueOf` of a Jackson-decoded value: strings as-is, `null` as "null", maps as `{a=1, b=x}`
 * (LinkedHashMap) and lists as `[1, 2]` (ArrayList).
 */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumberToString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${k}=${javaToString(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** The simple-name-qualified Java class Jackson decodes a JSON value to (used in ClassCastException texts). */
export function javaClassOf(value: unknown): string {
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') {
    if (!isJavaIntegral(value)) return 'java.lang.Double';
    return value >= -(2 ** 31) && value < 2 ** 31 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  if (Array.isArray(value)) return 'java.util.ArrayList';
  return 'java.util.LinkedHashMap';
}
