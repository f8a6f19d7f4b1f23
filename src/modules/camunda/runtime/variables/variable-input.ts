import { CamundaError } from '../../../../common/errors/api-error';
import { TypedValue } from '../../../../engine';
import { restException } from '../../common/camunda-errors';
import { VariableMapInput, convertVariables } from '../../common/camunda-variables';

/**
 * Converts a variable map for a runtime endpoint. REST-layer conversion errors get the endpoint's
 * conversion prefix (§2.4); a value only the engine refuses (a ProcessEngineException, such as the
 * abstract Number type) is caught by the endpoint's engine handler instead: 500 RestException with its
 * engine prefix.
 */
export function convertInput(map: VariableMapInput, conversionPrefix: string, enginePrefix: string): Record<string, TypedValue> | undefined {
  try {
    return convertVariables(map, conversionPrefix);
  } catch (error) {
    if (error instanceof CamundaError && error.type === 'ProcessEngineException') throw restException(500, `${enginePrefix}${error.message}`, error.code);
    throw error;
  }
}
