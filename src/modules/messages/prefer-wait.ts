const MAX_WAIT_SECONDS = 60;

/** Reads `Prefer: wait=<seconds>` (RFC 7240); other preferences are ignored, as the RFC asks. */
export function parsePreferWait(header: string | undefined): number | undefined {
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d+(?:\.\d+)?)"?/i.exec(header ?? '');
  return match ? Math.min(Number(match[1]), MAX_WAIT_SECONDS) : undefined;
}
