/**
 * Typed values as query and correlation criteria (§2.7).
 */
import { TypedValue } from './typed-value';
import { VariableConversionError } from './variable-conversion.error';

/**
 * Throws what Camunda's SingleQueryVariableValueCondition throws for criteria that cannot be queried
 * (500 ProcessEngineException). The variable name is not part of Camunda's messages.
 */
export function assertQueryable(name: string, tv: TypedValue): void {
  switch (tv.type) {
    case 'Bytes':
      throw VariableConversionError.processEngine('Variables of type ByteArray cannot be used to query');
    case 'File':
      throw VariableConversionError.processEngine('Variables of type File cannot be used to query');
    case 'Object':
    case 'Json':
    case 'Xml':
      throw VariableConversionError.processEngine('Object values cannot be used to query');
    default:
      return;
  }
}

function sameScalar(a: TypedValue['value'], b: TypedValue['value']): boolean {
  // Stored doubles compare by SQL equality, where NaN equals NaN and 0.0 equals -0.0.
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}

/**
 * Type-exact equality: Integer 5, Long 5, Short 5, Double 5 and String "5" are all different; dates
 * compare by epoch milliseconds. For Object and File the describing valueInfo must match too;
 * `transient` never matters.
 */
export function typedValuesEqual(a: TypedValue, b: TypedValue): boolean {
  if (a.type !== b.type || !sameScalar(a.value, b.value)) return false;
  const ai = a.valueInfo ?? {};
  const bi = b.valueInfo ?? {};
  if (a.type === 'Object') {
    return ai.objectTypeName === bi.objectTypeName && ai.serializationDataFormat === bi.serializationDataFormat;
  }
  if (a.type === 'File') {
    return ai.filename === bi.filename && ai.mimeType === bi.mimeType && ai.encoding === bi.encoding;
  }
  return true;
}

/**
 * Whether a stored variable satisfies an equality criterion, as Camunda's SQL decides
 * (`Commons.xml#variableValueConditions`): type-exact, except that a `Null` criterion ignores the
 * type and matches any variable whose value is null (an Integer variable holding null included).
 * Call assertQueryable on the criterion first.
 */
export function matchesQueryValue(criterion: TypedValue, variable: TypedValue): boolean {
  if (criterion.type === 'Null') return variable.value === null;
  return criterion.type === variable.type && sameScalar(criterion.value, variable.value);
}
