import { HttpResult, TestServer, eventually } from '../helpers/test-server';
import { expectJson, openTasks } from '../native/native-api';

/** Typed Camunda values, as the message routes take them. */
export const str = (value: string) => ({ value, type: 'String' });
export const int = (value: number) => ({ value, type: 'Integer' });
export const long = (value: number) => ({ value, type: 'Long' });

/** A name no other test uses, so tests sharing a server do not see each other's data. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts order-process (message start OrderPlaced → ReviewOrder → PaymentReceived → ShipOrder) and waits for the review task. */
export async function orderAtReview(server: TestServer, body: Record<string, unknown>): Promise<string> {
  const started = expectJson(await server.post('/process_models/order-process/start', body), 201);
  await openTasks(server, started.processInstanceId, 1, 'ReviewOrder');
  return started.processInstanceId as string;
}

/** Completes the one open task of an element of an instance. */
export async function completeTask(server: TestServer, processInstanceId: string, elementId: string, payload: Record<string, unknown> = {}): Promise<void> {
  const [task] = await openTasks(server, processInstanceId, 1, elementId);
  const completed = await server.post(`/tasks/${task.id}/complete`, { payload });
  expect({ status: completed.status, text: completed.text }).toEqual({ status: 204, text: '' });
}

/** The instance's detail (state, active elements, waiting events). */
export async function instance(server: TestServer, processInstanceId: string): Promise<any> {
  return expectJson(await server.get(`/process_instances/${processInstanceId}`), 200);
}

/** The active element ids of an instance, sorted. */
export async function activeElements(server: TestServer, processInstanceId: string): Promise<string[]> {
  const detail = await instance(server, processInstanceId);
  return (detail.activeElements as { elementId: string }[]).map((e) => e.elementId).sort();
}

/** Waits until the instance's active elements are exactly these. */
export async function waitUntilAt(server: TestServer, processInstanceId: string, elements: string[], timeoutMs?: number): Promise<void> {
  await eventually(async () => expect(await activeElements(server, processInstanceId)).toEqual([...elements].sort()), timeoutMs);
}

/** The instance's variables in plain form (`{ name: value }`). */
export async function plainVariables(server: TestServer, processInstanceId: string): Promise<Record<string, unknown>> {
  const typed = expectJson(await server.get(`/process_instances/${processInstanceId}/variables`), 200) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(typed).map(([name, v]) => [name, v.value]));
}

/** The unexpired buffered messages, optionally of one name. */
export async function buffered(server: TestServer, messageName?: string): Promise<{ total: number; items: any[] }> {
  const query = messageName ? `?messageName=${encodeURIComponent(messageName)}` : '';
  return expectJson(await server.get(`/messages/buffered${query}`), 200);
}

/** Process instances (running or not) of a business key, through the Camunda list route (running only) and history-free detail. */
export async function runningWithBusinessKey(server: TestServer, businessKey: string, processDefinitionKey?: string): Promise<any[]> {
  const query = `businessKey=${encodeURIComponent(businessKey)}${processDefinitionKey ? `&processDefinitionKey=${processDefinitionKey}` : ''}`;
  return expectJson(await server.get(`/engine-rest/process-instance?${query}`), 200);
}

/** Open tasks of an element of an instance (no waiting). */
export async function tasksOf(server: TestServer, processInstanceId: string, elementId: string): Promise<any[]> {
  const tasks = expectJson(await server.get(`/tasks?processInstanceId=${processInstanceId}&elementId=${elementId}`), 200);
  return tasks.items;
}

/** Asserts the 202 of a buffered message and returns its id; expiresAt is the time to live from now. */
export function expectBuffered(result: HttpResult, ttlMs: number, sentAt: number): string {
  const body = expectJson(result, 202);
  expect(Object.keys(body).sort()).toEqual(['expiresAt', 'messageId']);
  expect(body.messageId).toEqual(expect.any(String));
  const expiresAt = Date.parse(body.expiresAt);
  expect(expiresAt).toBeGreaterThanOrEqual(sentAt + ttlMs - 5);
  expect(expiresAt).toBeLessThanOrEqual(Date.now() + ttlMs + 5);
  return body.messageId as string;
}

/** Camunda's exact no-match body of POST /engine-rest/message. */
export function camundaNoMatch(messageName: string) {
  return {
    type: 'RestException',
    message: `org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message '${messageName}': No process definition or execution matches the parameters`,
    code: 0,
  };
}
