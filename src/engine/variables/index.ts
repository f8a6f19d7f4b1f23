export * from './typed-value';
export * from './variable-conversion.error';
export {
  assertCamundaVariableMapShape,
  fromCamundaValue,
  fromCamundaVariables,
  toCamundaValue,
  type CamundaValueDto,
  type CamundaValueOutput,
} from './camunda-value-codec';
export { formatCamundaDate, parseCamundaDate } from './camunda-date';
export { fromPlainJson, toPlainValue, type PlainFileValue } from './plain-value';
export { assertQueryable, matchesQueryValue, typedValuesEqual } from './value-matching';
