import { HttpResult, TestServer, eventually } from '../helpers/test-server';

/** The error type each native error code is rendered with (src/common/errors/api-error.ts). */
const TYPE_OF_CODE: Record<string, string> = {
  VALIDATION_ERROR: 'ValidationError',
  INVALID_JSON: 'ValidationError',
  INVALID_VARIABLE: 'ValidationError',
  DEPLOYMENT_INVALID: 'DeploymentError',
  MODEL_NOT_FOUND: 'NotFoundError',
  INSTANCE_NOT_FOUND: 'NotFoundError',
  CORRELATION_NOT_FOUND: 'NotFoundError',
  TASK_NOT_FOUND: 'NotFoundError',
  NOT_FOUND: 'NotFoundError',
  CONFLICT: 'ConflictError',
  INSTANCE_NOT_RUNNING: 'ConflictError',
};

/**
 * Asserts a native error answer: the status, content-type exactly `application/json`, and the body
 * `{ type, message, code }` (strings, non-empty message) with the code's type. Returns the body.
 */
export function expectNativeError(result: HttpResult, status: number, code: string): Record<string, any> {
  const described = `${result.status} ${result.text}`;
  expect({ status: result.status, described }).toEqual({ status, described });
  expect(result.headers.get('content-type')).toBe('application/json');
  const body = result.body as Record<string, unknown>;
  expect(typeof body).toBe('object');
  expect(body).toEqual(
    expect.objectContaining({ type: expect.any(String), message: expect.any(String), code: expect.any(String) }),
  );
  expect(body.code).toBe(code);
  if (TYPE_OF_CODE[code]) expect(body.type).toBe(TYPE_OF_CODE[code]);
  expect((body.message as string).length).toBeGreaterThan(0);
  return body as Record<string, any>;
}

/** Asserts a successful JSON answer (content-type exactly application/json) and returns its body. */
export function expectJson(result: HttpResult, status: number): any {
  const described = `${result.status} ${result.text}`;
  expect({ status: result.status, described }).toEqual({ status, described });
  expect(result.headers.get('content-type')).toBe('application/json');
  return result.body;
}

/** Starts an instance of a model and returns its ids. */
export async function start(server: TestServer, key: string, body: Record<string, unknown> = {}): Promise<{ correlationId: string; processInstanceId: string }> {
  const started = await server.post(`/process_models/${key}/start`, body);
  return expectJson(started, 201);
}

/** Waits until the instance has exactly `count` open tasks (optionally of one element) and returns them. */
export async function openTasks(server: TestServer, processInstanceId: string, count: number, elementId?: string): Promise<any[]> {
  return eventually(async () => {
    const query = `processInstanceId=${processInstanceId}${elementId ? `&elementId=${elementId}` : ''}`;
    const tasks = await server.get(`/tasks?${query}`);
    expect(tasks.status).toBe(200);
    expect(tasks.body.items).toHaveLength(count);
    return tasks.body.items;
  });
}

/** Waits until the instance reached the given state and returns its detail. */
export async function instanceInState(server: TestServer, processInstanceId: string, state: string): Promise<any> {
  return eventually(async () => {
    const instance = await server.get(`/process_instances/${processInstanceId}`);
    expect(instance.status).toBe(200);
    expect(instance.body.state).toBe(state);
    return instance.body;
  });
}

/** A fresh UUID-like id that no server object has. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
