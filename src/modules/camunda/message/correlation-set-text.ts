import { CorrelationSet, TypedValue, formatCamundaDate } from '../../../engine';

/** Java's toString of Camunda's CorrelationSet, as it appears in ENGINE-13030/13031 messages. */
export function describeCorrelationSet(set: CorrelationSet, _all: boolean): string {
  const value = (v: string | undefined) => (v === undefined ? 'null' : v);
  return (
    `CorrelationSet [businessKey=${value(set.businessKey)}, processInstanceId=${value(set.processInstanceId)}, processDefinitionId=null, ` +
    `correlationKeys=${map(set.correlationKeys)}, localCorrelationKeys=${map(set.localCorrelationKeys)}, tenantId=${value(set.tenantId)}, ` +
    `isTenantIdSet=${set.tenantId !== undefined || set.withoutTenantId === true}, isExecutionsOnly=false]`
  );
}

function map(values: Readonly<Record<string, TypedValue>> | undefined): string {
  if (!values) return 'null';
  const entries = Object.entries(values).map(([name, v]) => `${name}=${typedValueText(v)}`);
  return `{${entries.join(', ')}}`;
}

function typedValueText(v: TypedValue): string {
  const raw = v.type === 'Date' && typeof v.value === 'number' ? formatCamundaDate(v.value) : String(v.value);
  return `Value '${raw}' of type 'PrimitiveValueType[${v.type.charAt(0).toLowerCase()}${v.type.slice(1)}]', isTransient=${v.valueInfo?.transient === true}`;
}
