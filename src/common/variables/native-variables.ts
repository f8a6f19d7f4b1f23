import { TypedValue, VariableConversionError, fromCamundaValue, fromPlainJson, toCamundaValue } from '../../engine';
import { ApiError, ErrorCode } from '../errors/api-error';
import { currentMaxVariableBytes, variableBytes } from './variable-size';

/** A body that may carry variables as plain JSON (`payload`) or in Camunda's typed form (`variables`). */
export interface VariablesInput {
  readonly payload?: Record<string, unknown>;
  readonly variables?: Record<string, unknown>;
}

/**
 * Reads the variables of a native request. Plain payload values are typed as Camunda would store them
 * (string → String, whole number → Integer or Long, other number → Double, boolean → Boolean,
 * null → Null, object or array → Json); typed values follow Camunda's conversion rules.
 */
export function readVariables(input: VariablesInput, field: 'payload' | 'processVariables' = 'payload'): Record<string, TypedValue> {
  if (input.payload !== undefined && input.variables !== undefined) {
    throw new ApiError(ErrorCode.VALIDATION_ERROR, `Send either '${field}' or 'variables', not both`);
  }
  if (input.payload !== undefined) return plainVariables(input.payload, field);
  if (input.variables !== undefined) return typedVariables(input.variables, 'variables');
  return {};
}

export function plainVariables(payload: unknown, field: string): Record<string, TypedValue> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ApiError(ErrorCode.VALIDATION_ERROR, `'${field}' must be a JSON object`);
  }
  // fromEntries defines own properties, so even a variable named __proto__ stays an ordinary entry.
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => {
      let converted: TypedValue;
      try {
        converted = fromPlainJson(value);
      } catch (error) {
        throw variableError(field, name, error);
      }
      return [name, withinSizeLimit(field, name, converted)];
    }),
  );
}

export function typedVariables(map: unknown, field: string): Record<string, TypedValue> {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new ApiError(ErrorCode.VALIDATION_ERROR, `'${field}' must be a JSON object of typed values ({ "name": { "value": …, "type": "String" } })`);
  }
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).map(([name, dto]) => {
      if (dto === null || typeof dto !== 'object' || Array.isArray(dto)) {
        throw new ApiError(ErrorCode.INVALID_VARIABLE, `Variable '${name}' in '${field}' must be an object with 'value' and 'type'`);
      }
      let converted: TypedValue;
      try {
        converted = fromCamundaValue(dto as Record<string, unknown>);
      } catch (error) {
        throw variableError(field, name, error);
      }
      return [name, withinSizeLimit(field, name, converted)];
    }),
  );
}

/** The typed form every native response uses for variables. */
export function renderVariables(values: Readonly<Record<string, TypedValue>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toCamundaValue(value)]));
}

/** A value larger than VARIABLE_MAX_BYTES is refused (400) before anything is stored. */
function withinSizeLimit(field: string, name: string, value: TypedValue): TypedValue {
  const bytes = variableBytes(value);
  const limit = currentMaxVariableBytes();
  if (bytes > limit) {
    throw new ApiError(ErrorCode.INVALID_VARIABLE, `Variable '${name}' in '${field}' is ${bytes} bytes; the largest value accepted is ${limit} bytes`);
  }
  return value;
}

function variableError(field: string, name: string, error: unknown): ApiError {
  if (error instanceof VariableConversionError || error instanceof Error) {
    return new ApiError(ErrorCode.INVALID_VARIABLE, `Variable '${name}' in '${field}': ${error.message}`);
  }
  return new ApiError(ErrorCode.INVALID_VARIABLE, `Variable '${name}' in '${field}' is invalid`);
}
