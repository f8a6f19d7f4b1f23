import { HttpResult, TestServer, eventually } from '../../helpers/test-server';

/** Camunda's REST date format in the UTC test time zone. */
export const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The default HISTORY_RETENTION_DAYS (30) in milliseconds: an ended instance's removal time is its end plus this. */
export const RETENTION_MS = 30 * 86_400_000;

/** Asserts a JSON answer: status, content type exactly `application/json`; returns the body. */
export function expectJson(result: HttpResult, status: number): any {
  expect({ status: result.status, text: result.text }).toEqual({ status, text: result.text });
  expect(result.headers.get('content-type')).toBe('application/json');
  return result.body;
}

/** Asserts Camunda's error body exactly. */
export function expectCamundaError(result: HttpResult, status: number, type: string, message: string, code: number | null = null): void {
  expect(expectJson(result, status)).toEqual({ type, message, code });
}

/** Epoch milliseconds of a Camunda date (`…+0000`). */
export function epochOf(camundaDate: string): number {
  return Date.parse(camundaDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** A Camunda date for a query parameter, URL-encoded (the `+` of the offset must survive the query string). */
export function queryDate(epochMs: number): string {
  return encodeURIComponent(new Date(epochMs).toISOString().replace('Z', '+0000'));
}

/**
 * The order a Camunda list promises for one sort key: nulls last ascending and first descending, ties
 * broken by `tieBreaker` ascending.
 */
export function sortedBy<T>(items: readonly T[], key: (item: T) => string | number | null, direction: 'asc' | 'desc', tieBreaker: (item: T) => string | number): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((left, right) => {
    const a = key(left);
    const b = key(right);
    if (a !== b) {
      if (a === null) return sign;
      if (b === null) return -sign;
      return (a < b ? -1 : 1) * sign;
    }
    const x = tieBreaker(left);
    const y = tieBreaker(right);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Starts the ordering tutorial by its start message; returns the process instance id. */
export async function placeOrder(server: TestServer, businessKey: string, customer: string, tenantId?: string): Promise<string> {
  const started = await server.post('/engine-rest/message', {
    messageName: 'OrderPlaced',
    businessKey,
    processVariables: { customer: { value: customer, type: 'String' } },
    resultEnabled: true,
    ...(tenantId ? { tenantId } : { withoutTenantId: true }),
  });
  if (started.status !== 200) throw new Error(started.text);
  return started.body[0].processInstance.id;
}

/** Waits for the open user task of an element and completes it through Camunda's task API; returns its id. */
export async function completeTask(server: TestServer, processInstanceId: string, taskDefinitionKey: string): Promise<string> {
  const task = await eventually(async () => {
    const tasks = expectJson(await server.get(`/engine-rest/task?processInstanceId=${processInstanceId}&taskDefinitionKey=${taskDefinitionKey}`), 200);
    expect(tasks).toHaveLength(1);
    return tasks[0] as { id: string };
  });
  expect((await server.post(`/engine-rest/task/${task.id}/complete`, {})).status).toBe(204);
  return task.id;
}

/** Waits until the instance is at an activity (an unfinished activity instance of it). */
export async function waitAt(server: TestServer, processInstanceId: string, activityId: string): Promise<void> {
  await eventually(async () => {
    const active = expectJson(await server.get(`/engine-rest/history/activity-instance?processInstanceId=${processInstanceId}&activityId=${activityId}&unfinished=true`), 200);
    expect(active).toHaveLength(1);
  });
}

/** Delivers a message to one instance and waits until the instance moved on from `from`. */
export async function deliver(server: TestServer, processInstanceId: string, messageName: string, from: string): Promise<void> {
  await waitAt(server, processInstanceId, from);
  expect((await server.post('/engine-rest/message', { messageName, processInstanceId })).status).toBe(204);
  await eventually(async () => {
    const active = expectJson(await server.get(`/engine-rest/history/activity-instance?processInstanceId=${processInstanceId}&activityId=${from}&unfinished=true`), 200);
    expect(active).toHaveLength(0);
  });
}

export async function waitEnded(server: TestServer, processInstanceId: string): Promise<void> {
  await eventually(async () => {
    expect(expectJson(await server.get(`/engine-rest/history/process-instance/${processInstanceId}`), 200).endTime).not.toBeNull();
  });
}

/** What the shared scenario created, by role. */
export interface Scenario {
  /** Ordering tutorial run to completion: review, payment, shipping. */
  readonly shipped: string;
  readonly shippedReviewTask: string;
  readonly shippedShipTask: string;
  /** Ordering tutorial cancelled by its OrderCancelled message (interrupting event subprocess), then completed. */
  readonly cancelled: string;
  readonly cancelledDeleteTask: string;
  /** Ordering tutorial cancelled through DELETE /engine-rest/process-instance/{id}. */
  readonly deleted: string;
  /** Ordering tutorial waiting in its review task. */
  readonly running: string;
  /** The same, in tenant acme. */
  readonly tenantRunning: string;
}

/**
 * Deploys the ordering tutorial (without tenant and for tenant acme) and runs it: once to completion,
 * once through its cancellation message, once cancelled through the API, and twice left waiting.
 */
export async function runOrderingTutorial(server: TestServer): Promise<Scenario> {
  expect((await server.deployFixture('order-process.bpmn')).status).toBe(201);
  expect((await server.deployFixture('order-process.bpmn', { tenantId: 'acme' })).status).toBe(201);

  const shipped = await placeOrder(server, 'order-1', 'alice');
  const shippedReviewTask = await completeTask(server, shipped, 'ReviewOrder');
  await deliver(server, shipped, 'PaymentReceived', 'PaymentReceived');
  const shippedShipTask = await completeTask(server, shipped, 'ShipOrder');
  await waitEnded(server, shipped);

  const cancelled = await placeOrder(server, 'order-2', 'bob');
  await deliver(server, cancelled, 'OrderCancelled', 'ReviewOrder');
  const cancelledDeleteTask = await completeTask(server, cancelled, 'DeleteOrder');
  await waitEnded(server, cancelled);

  const deleted = await placeOrder(server, 'order-3', 'carol');
  await waitAt(server, deleted, 'ReviewOrder');
  expect((await server.delete(`/engine-rest/process-instance/${deleted}`)).status).toBe(204);

  const running = await placeOrder(server, 'order-4', 'dave');
  await waitAt(server, running, 'ReviewOrder');
  const tenantRunning = await placeOrder(server, 'order-5', 'erin', 'acme');
  await waitAt(server, tenantRunning, 'ReviewOrder');
  return { shipped, shippedReviewTask, shippedShipTask, cancelled, cancelledDeleteTask, deleted, running, tenantRunning };
}
