import { ApiError, CamundaError, ErrorCode } from '../../common/errors/api-error';
import { ApiFace, CorrelationOutcome } from '../../infrastructure/observability/engine-metrics';

/** The routes that correlate a message, by API face (Fastify route patterns, after the named-engine rewrite). */
const MESSAGE_ROUTES: Readonly<Record<string, ApiFace>> = {
  'POST /messages': 'native',
  'POST /engine-rest/message': 'camunda',
};

export function messageFace(method: string, routePattern: string | undefined): ApiFace | undefined {
  return MESSAGE_ROUTES[`${method} ${routePattern ?? ''}`];
}

const CAMUNDA_MISMATCH = 'org.camunda.bpm.engine.MismatchingMessageCorrelationException: ';
/** ENGINE-13030: several process definitions match; ENGINE-13031: several executions match. */
const CAMUNDA_AMBIGUOUS = /ENGINE-1303[01] /;

/**
 * What a failed correlation request means, or undefined when it failed before correlating (bad input,
 * an internal error). The native face says it with error codes; the Camunda face only with Camunda's
 * exception texts, which are part of its wire contract and pinned by the Camunda e2e suites.
 */
export function failedCorrelationOutcome(error: unknown): Exclude<CorrelationOutcome, 'correlated'> | undefined {
  if (error instanceof ApiError) {
    if (error.code === ErrorCode.MESSAGE_NOT_CORRELATED) return 'no-match';
    if (error.code === ErrorCode.MESSAGE_AMBIGUOUS) return 'ambiguous';
    return undefined;
  }
  if (error instanceof CamundaError && error.message.startsWith(CAMUNDA_MISMATCH)) {
    return CAMUNDA_AMBIGUOUS.test(error.message) ? 'ambiguous' : 'no-match';
  }
  return undefined;
}

/** The instances a successful correlation answer names (the Camunda face names them only with resultEnabled). */
export function correlatedInstanceIds(face: ApiFace, body: unknown): string[] {
  const results = face === 'native' ? (body as { correlated?: unknown } | undefined)?.correlated : body;
  if (!Array.isArray(results)) return [];
  const ids = results.map((result: Record<string, { processInstanceId?: unknown; id?: unknown } | unknown>) => {
    if (face === 'native') return result.processInstanceId;
    const execution = result.execution as { processInstanceId?: unknown } | null | undefined;
    const instance = result.processInstance as { id?: unknown } | null | undefined;
    return execution?.processInstanceId ?? instance?.id;
  });
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}
