import { HttpResult, TestServer, eventually } from '../../helpers/test-server';

/** Camunda's REST date format in the UTC test time zone. */
export const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

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

/** Asserts an empty 204 answer without content type. */
export function expectNoContent(result: HttpResult): void {
  expect({ status: result.status, text: result.text }).toEqual({ status: 204, text: '' });
  expect(result.headers.get('content-type')).toBeNull();
}

/** Deploys fixtures through the native API. */
export async function deploy(server: TestServer, ...files: string[]): Promise<void> {
  for (const file of files) expect((await server.deployFixture(file)).status).toBe(201);
}

/**
 * Starts an instance through the native API and waits until its start continuation has run (the
 * instance waits in a task or for a message). Returns the process instance id.
 */
export async function startWaiting(server: TestServer, key: string, body: Record<string, unknown> = {}): Promise<string> {
  const started = await server.post(`/process_models/${key}/start`, body);
  expect(started.status).toBe(201);
  const id: string = started.body.processInstanceId;
  await eventually(async () => {
    const instance = await server.get(`/process_instances/${id}`);
    expect(instance.body.activeElements.length).toBeGreaterThan(0);
    expect(instance.body.activeElements.map((a: { elementId: string }) => a.elementId)).not.toContain('Start');
  });
  return id;
}

/** The open Camunda tasks of an instance. */
export async function tasksOf(server: TestServer, processInstanceId: string): Promise<any[]> {
  return expectJson(await server.get(`/engine-rest/task?processInstanceId=${processInstanceId}`), 200);
}

/** Multipart body for POST …/variables/{name}/data. */
export function binaryForm(content: string, options: { type?: string; filename?: string; valueType?: string } = {}): FormData {
  const form = new FormData();
  form.append('data', new Blob([content], { type: options.type ?? 'application/octet-stream' }), options.filename ?? 'data.bin');
  if (options.valueType) form.append('valueType', options.valueType);
  return form;
}

export interface OpenTask {
  readonly processInstanceId: string;
  readonly taskId: string;
  /** The task's execution: the (sub)process scope it waits in. */
  readonly executionId: string;
}

/** Starts an instance through the native API and waits for its one open user task. */
export async function startAtTask(server: TestServer, key: string, body: Record<string, unknown> = {}): Promise<OpenTask> {
  const started = await server.post(`/process_models/${key}/start`, body);
  expect(started.status).toBe(201);
  const processInstanceId: string = started.body.processInstanceId;
  const [task] = await eventually(async () => {
    const open = await tasksOf(server, processInstanceId);
    expect(open).toHaveLength(1);
    return open;
  });
  return { processInstanceId, taskId: task.id, executionId: task.executionId };
}
