/** Incidents of external tasks whose retries ran out keep their Camunda type. */
export const FAILED_EXTERNAL_TASK = 'failedExternalTask';
/** Continuations are Camunda's asynchronous jobs: every other incident is a failed job there. */
export const FAILED_JOB = 'failedJob';

/** Camunda's incident type of a stored incident (whose type column holds failedJob, failedExternalTask or an engine failure kind). */
export function camundaIncidentType(stored: string): string {
  return stored === FAILED_EXTERNAL_TASK ? FAILED_EXTERNAL_TASK : FAILED_JOB;
}

/** The same, as SQL over an incident row alias, so Camunda's incidentType filters agree on every route. */
export function camundaIncidentTypeSql(alias: string): string {
  return `CASE WHEN ${alias}.incident_type = '${FAILED_EXTERNAL_TASK}' THEN '${FAILED_EXTERNAL_TASK}' ELSE '${FAILED_JOB}' END`;
}
