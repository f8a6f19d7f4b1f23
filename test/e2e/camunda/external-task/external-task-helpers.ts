import { HttpResult, TestServer, eventually, fixture } from '../../helpers/test-server';
import { expectJson } from '../runtime/runtime-helpers';

export { CAMUNDA_DATE, UNKNOWN_ID, deploy, expectCamundaError, expectJson, expectNoContent, startWaiting, tasksOf } from '../runtime/runtime-helpers';

export const WORKER = 'worker-1';

let deployed = 0;

/** A fixture deployed under fresh names, so that tests sharing a server never see each other's tasks. */
export interface UniqueProcess {
  readonly key: string;
  /** The topic of the fixture's external task with that original name, as deployed. */
  topic(name: string): string;
  readonly definitionId: string;
}

/**
 * Deploys a fixture through the native API with its process key and every topic name given a unique
 * suffix (extra fields such as tenantId go along).
 */
export async function deployUnique(server: TestServer, file: string, extra: Record<string, unknown> = {}): Promise<UniqueProcess> {
  const suffix = `-${++deployed}-${Math.random().toString(36).slice(2, 6)}`;
  const original = file.replace(/\.bpmn$/, '');
  const key = `${original}${suffix}`;
  const xml = fixture(file)
    .replace(new RegExp(`id="${original}"`, 'g'), `id="${key}"`)
    .replace(/camunda:topic="([^"]+)"/g, (_m, t: string) => `camunda:topic="${t}${suffix}"`);
  const result = await server.post('/process_models', { xml, name: key, ...extra });
  expect({ status: result.status, body: result.body }).toEqual({ status: 201, body: expect.anything() });
  const definitions = expectJson(await server.get(`/engine-rest/process-definition?key=${key}`), 200);
  return { key, topic: (name) => `${name}${suffix}`, definitionId: definitions[0].id };
}

/** POST /engine-rest/external-task/fetchAndLock. */
export function fetchAndLock(server: TestServer, body: unknown): Promise<HttpResult> {
  return server.post('/engine-rest/external-task/fetchAndLock', body);
}

/** Fetches and locks, asserting a 200 JSON answer; returns the locked tasks. */
export async function fetchTasks(server: TestServer, topics: Record<string, unknown>[], extra: Record<string, unknown> = {}): Promise<any[]> {
  return expectJson(await fetchAndLock(server, { workerId: WORKER, maxTasks: 10, topics, ...extra }), 200);
}

/** A topic subscription as the JS worker sends it (lock 60 s unless given). */
export function topic(topicName: string, options: Record<string, unknown> = {}): Record<string, unknown> {
  return { topicName, lockDuration: 60_000, ...options };
}

/** The external tasks of an instance (GET /engine-rest/external-task?processInstanceId=…). */
export async function externalTasksOf(server: TestServer, processInstanceId: string): Promise<any[]> {
  return expectJson(await server.get(`/engine-rest/external-task?processInstanceId=${processInstanceId}`), 200);
}

/** Starts an instance through the native API and waits until its external task exists; returns both ids. */
export async function startWithExternalTask(
  server: TestServer,
  key: string,
  body: Record<string, unknown> = {},
): Promise<{ processInstanceId: string; taskId: string }> {
  const started = await server.post(`/process_models/${key}/start`, body);
  expect(started.status).toBe(201);
  const processInstanceId: string = started.body.processInstanceId;
  const [task] = await eventually(async () => {
    const tasks = await externalTasksOf(server, processInstanceId);
    expect(tasks).toHaveLength(1);
    return tasks;
  });
  return { processInstanceId, taskId: task.id };
}

/** Starts an instance and locks its external task for WORKER; returns the locked task as fetch-and-lock answered it. */
export async function startAndLock(server: TestServer, key: string, topicName: string, body: Record<string, unknown> = {}, lockDuration = 60_000): Promise<any> {
  const { processInstanceId, taskId } = await startWithExternalTask(server, key, body);
  const tasks = await fetchTasks(server, [topic(topicName, { lockDuration })], { maxTasks: 50 });
  const task = tasks.find((t) => t.id === taskId);
  expect(task).toEqual(expect.objectContaining({ id: taskId, processInstanceId }));
  return task;
}

/** The native view of an instance (state, active elements, incidents). */
export async function instanceOf(server: TestServer, processInstanceId: string): Promise<any> {
  const result = await server.get(`/process_instances/${processInstanceId}`);
  expect(result.status).toBe(200);
  return result.body;
}
