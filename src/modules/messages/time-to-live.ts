const UNITS: Record<string, number> = { W: 604_800_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 };
const MAX_TTL_MS = 366 * 86_400_000;

/**
 * A time to live as milliseconds (a number, or a string of digits) or an ISO-8601 duration such as
 * `PT30M`, `P1D`, `PT1H30M`, `P2W`. Years and months have no fixed length and are refused.
 * Returns the milliseconds, or a reason the value is not acceptable.
 */
export function parseTimeToLive(value: unknown): { ms: number } | { error: string } {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
    const ms = Number(value);
    if (!Number.isSafeInteger(ms) || ms <= 0) return { error: 'timeToLive in milliseconds must be a positive whole number' };
    return ms > MAX_TTL_MS ? { error: 'timeToLive cannot exceed 366 days' } : { ms };
  }
  if (typeof value !== 'string') return { error: 'timeToLive must be milliseconds or an ISO-8601 duration such as PT1H' };
  const match = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) {
    return { error: `timeToLive '${value}' is not an ISO-8601 duration of weeks, days, hours, minutes and seconds (e.g. PT1H30M)` };
  }
  const [, w, d, h, m, s] = match;
  const ms = Math.round(
    [[w, 'W'], [d, 'D'], [h, 'H'], [m, 'M'], [s, 'S']].reduce((sum, [n, unit]) => sum + (n ? Number(n) * UNITS[unit as string] : 0), 0),
  );
  if (ms <= 0) return { error: 'timeToLive must be longer than zero' };
  return ms > MAX_TTL_MS ? { error: 'timeToLive cannot exceed 366 days' } : { ms };
}
