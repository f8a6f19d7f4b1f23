/**
 * Camunda REST's date format `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (§1.2), e.g. `2013-01-23T13:42:42.000+0200`.
 */

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Formats in the process's local time zone, like Camunda's SimpleDateFormat in the JVM default zone. */
export function formatCamundaDate(epochMs: number): string {
  // RFC 822 zones print whole minutes only (historic second-precision offsets are truncated).
  const offsetMinutes = Math.trunc(-new Date(epochMs).getTimezoneOffset());
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const year = local.getUTCFullYear();
  // `yyyy` prints the year of era, so 1 BC (year 0) prints as 0001.
  const yearOfEra = year > 0 ? year : 1 - year;
  return (
    `${pad(yearOfEra, 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}` +
    `T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
    `.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`
  );
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/;

/**
 * Parses the canonical form to epoch milliseconds, or null. Out-of-range fields inside that shape
 * (month 13, 30 February, hour 24) roll over, because Camunda's SimpleDateFormat is lenient; offsets
 * beyond 23:59 are refused as Java refuses them. Other shapes (no milliseconds, `Z`, `+02:00`, epoch
 * numbers) are refused.
 */
export function parseCamundaDate(text: string): number | null {
  const m = DATE_PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second, millis, , offH, offM] = m
    .slice(1)
    .map((part) => (part === '+' || part === '-' ? 0 : Number(part)));
  if (offH > 23 || offM > 59) return null;
  const d = new Date(0);
  // setUTCFullYear keeps years 0-99 literal (Date.UTC would map them to 19xx).
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  const offset = (m[8] === '-' ? -1 : 1) * (offH * 60 + offM);
  const result = d.getTime() - offset * 60_000;
  return Number.isFinite(result) ? result : null;
}
