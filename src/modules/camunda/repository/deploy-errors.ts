import { CamundaError } from '../../../common/errors/api-error';
import { ModelProblem } from '../../../engine';
import { DeploymentRejected, MessageStartConflict } from '../../models/commands/deploy-resources.command';
import { engineException } from '../common/camunda-errors';

/** Upstream's ProblemDto getter is `getЕlementIds` with a Cyrillic capital Е, so Jackson writes this key. */
export const ELEMENT_IDS_KEY = '\u0435lementIds';

/**
 * Camunda's answers to a refused deployment:
 * - parse problems: a 400 ParseException for the first resource that failed (upstream's deployer stops
 *   there), its message built as `Parse#throwExceptionForErrors` does, and `details` per resource;
 * - a start message another process key already owns: BpmnDeployer's ENGINE-01011, a plain
 *   ProcessEngineException, hence 500.
 */
export function toCamundaDeployError(error: unknown): unknown {
  if (error instanceof DeploymentRejected) return parseException(error);
  if (error instanceof MessageStartConflict) {
    return engineException(
      500,
      'ProcessEngineException',
      `ENGINE-01011 Cannot deploy process definition '${error.resource}': there already is a message event subscription for the message with name '${error.messageName}'.`,
    );
  }
  return error;
}

function parseException(error: DeploymentRejected): CamundaError {
  const [first] = error.problems;
  const errors = first.problems.map((p) => `\n* ${p.message} | resource ${first.resource}${position(p)}`).join('');
  const details = { [first.resource]: { errors: first.problems.map(problemDto), warnings: [] } };
  return new CamundaError(400, 'ParseException', `ENGINE-09005 Could not parse BPMN process. Errors: ${errors}`, 0, { details });
}

/** ProblemImpl#toString: positions are printed only when known (greater than 0). */
function position(p: ModelProblem): string {
  const line = p.line ?? 0;
  const column = p.column ?? 0;
  return `${line > 0 ? ` | line ${line}` : ''}${column > 0 ? ` | column ${column}` : ''}`;
}

function problemDto(p: ModelProblem): Record<string, unknown> {
  return {
    message: p.message,
    line: p.line ?? 0,
    column: p.column ?? 0,
    mainElementId: p.elementId ?? null,
    [ELEMENT_IDS_KEY]: p.elementId ? [p.elementId] : [],
  };
}
