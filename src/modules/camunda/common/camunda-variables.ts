import {
  TypedValue,
  VariableConversionError,
  assertCamundaVariableMapShape,
  fromCamundaVariables,
  toCamundaValue,
} from '../../../engine';
import { CamundaError } from '../../../common/errors/api-error';
import { oversizedVariable } from '../../../common/variables/variable-size';

export type VariableMapInput = Record<string, unknown> | null | undefined;

/**
 * Converts variable maps the way a Camunda endpoint does: every map's shape is checked before any value
 * is converted (Jackson rejects the whole body first), then values are converted in the order given.
 * Conversion errors get the endpoint's prefix (§2.4): with a prefix they become InvalidRequestException;
 * without one, Camunda's own type (InvalidRequestException or RestException) is kept.
 */
export function convertVariableMaps(maps: readonly VariableMapInput[], prefix: string | null): (Record<string, TypedValue> | undefined)[] {
  let converted: (Record<string, TypedValue> | undefined)[];
  try {
    for (const map of maps) if (map !== undefined && map !== null) assertCamundaVariableMapShape(map);
    converted = maps.map((map) => (map === undefined || map === null ? undefined : fromCamundaVariables(map)));
  } catch (error) {
    throw toCamundaError(error, prefix);
  }
  for (const values of converted) assertVariableSizes(values, prefix);
  return converted;
}

/** Values larger than VARIABLE_MAX_BYTES are refused (400 InvalidRequestException) before anything is stored. */
export function assertVariableSizes(values: Readonly<Record<string, TypedValue>> | undefined, prefix: string | null): void {
  const oversized = oversizedVariable(values);
  if (oversized) {
    throw new CamundaError(
      400,
      'InvalidRequestException',
      `${prefix ?? ''}Variable '${oversized.name}' is ${oversized.bytes} bytes; the largest value accepted is ${oversized.limit} bytes`,
      null,
    );
  }
}

export function convertVariables(map: VariableMapInput, prefix: string | null): Record<string, TypedValue> | undefined {
  return convertVariableMaps([map], prefix)[0];
}

export function toCamundaError(error: unknown, prefix: string | null): unknown {
  if (!(error instanceof VariableConversionError)) return error;
  if (error.prefixable && prefix !== null) return new CamundaError(error.status, 'InvalidRequestException', `${prefix}${error.message}`, null);
  return new CamundaError(error.status, error.exceptionType, error.message, error.code);
}

/** Camunda's serialized output form of a variable map (§2.5). */
export function renderCamundaVariables(values: Readonly<Record<string, TypedValue>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toCamundaValue(value)]));
}
