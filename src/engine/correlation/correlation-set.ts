import { TypedValue } from '../variables/typed-value';

/**
 * What a message is correlated by, as in Camunda 7's CorrelationSet. Absent criteria do not restrict.
 * Tenant: `tenantId` restricts to that tenant, `withoutTenantId` to tenant-less targets, neither to none.
 */
export interface CorrelationSet {
  readonly messageName: string;
  readonly businessKey?: string;
  readonly processInstanceId?: string;
  readonly tenantId?: string;
  readonly withoutTenantId?: boolean;
  /** Each must equal (type-exact) a variable of the waiting execution's process instance. */
  readonly correlationKeys?: Readonly<Record<string, TypedValue>>;
  /** Each must equal (type-exact) a local variable of the execution that holds the subscription. */
  readonly localCorrelationKeys?: Readonly<Record<string, TypedValue>>;
}

/** A waiting execution that matched: one open message subscription of a running instance. */
export interface ExecutionTarget {
  readonly kind: 'execution';
  readonly subscriptionId: string;
  readonly processInstanceId: string;
  /** The element instance holding the subscription (Camunda's execution id). */
  readonly executionId: string;
  readonly elementId: string;
  readonly tenantId: string | null;
}

/** A message start event of the latest version of a process definition that matched. */
export interface StartTarget {
  readonly kind: 'start';
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly elementId: string;
  readonly tenantId: string | null;
}

export type CorrelationTarget = ExecutionTarget | StartTarget;
