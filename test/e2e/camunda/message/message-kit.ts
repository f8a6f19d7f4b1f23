/**
 * Shared helpers of the POST /engine-rest/message e2e suite (contract §1-§3). Not a spec file.
 */
import { HttpResult, TestServer, eventually, fixture } from '../../helpers/test-server';

export const MESSAGE = '/engine-rest/message';
export const MISMATCH = 'org.camunda.bpm.engine.MismatchingMessageCorrelationException: ';

export type Typed = { value: unknown; type?: string | null; valueInfo?: Record<string, unknown> | null };
export type VariableMap = Record<string, Typed>;

/** Deploys a fixture through the native API and returns the model summaries (201 expected). */
export async function deploy(server: TestServer, file: string, tenantId?: string, xml = fixture(file)) {
  const res = await server.post('/process_models', { xml, name: file.replace(/\.bpmn$/, ''), ...(tenantId ? { tenantId } : {}) });
  if (res.status !== 201) throw new Error(`deploying ${file} (tenant ${tenantId ?? '-'}) answered ${res.status}: ${res.text}`);
  return res.body.models as { key: string; version: number; processDefinitionId: string; tenantId: string | null }[];
}

export interface StartOptions {
  businessKey?: string;
  variables?: VariableMap;
  tenantId?: string;
}

/** Starts an instance natively and waits until it waits for exactly the given events (BPMN element ids). */
export async function startWaiting(server: TestServer, key: string, waitingFor: string[], options: StartOptions = {}): Promise<string> {
  const res = await server.post(`/process_models/${key}/start`, options);
  if (res.status !== 201) throw new Error(`starting ${key} answered ${res.status}: ${res.text}`);
  const id = res.body.processInstanceId as string;
  await eventually(async () => expect(await waitingEventKeys(server, id)).toEqual([...waitingFor].sort()));
  return id;
}

export async function instance(server: TestServer, id: string) {
  const res = await server.get(`/process_instances/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

export async function waitingEventKeys(server: TestServer, id: string): Promise<string[]> {
  const body = await instance(server, id);
  return (body.waitingEvents as { eventKey: string }[]).map((e) => e.eventKey).sort();
}

export async function activeElementIds(server: TestServer, id: string): Promise<string[]> {
  const body = await instance(server, id);
  return (body.activeElements as { elementId: string }[]).map((e) => e.elementId).sort();
}

/** Root-scope variables, or those local to a scope (`?scope=`). */
export async function variables(server: TestServer, id: string, scope?: string): Promise<Record<string, unknown>> {
  const res = await server.get(`/process_instances/${id}/variables${scope ? `?scope=${encodeURIComponent(scope)}` : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}

export async function correlationTotal(server: TestServer): Promise<number> {
  const res = await server.get('/correlations?limit=1');
  expect(res.status).toBe(200);
  return res.body.total as number;
}

export function message(server: TestServer, body: Record<string, unknown>): Promise<HttpResult> {
  return server.post(MESSAGE, body);
}

/** §1.2: JSON responses carry exactly `application/json`. */
export function expectJson(res: HttpResult): void {
  expect(res.headers.get('content-type')).toBe('application/json');
}

/** §1.2 void operations: 204, no body, no content type. */
export function expectNoContent(res: HttpResult): void {
  expect({ status: res.status, text: res.text }).toEqual({ status: 204, text: '' });
  expect(res.headers.get('content-type')).toBeNull();
}

/** §1.3 error envelope, exactly. */
export function expectError(res: HttpResult, status: number, type: string, messageText: string, code: number | null): void {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { type, message: messageText, code } });
  expectJson(res);
}

/** §3.7 a correlation mismatch wrapped by the REST layer. */
export function expectMismatch(res: HttpResult, engineMessage: string): void {
  expectError(res, 400, 'RestException', `${MISMATCH}${engineMessage}`, 0);
}

export function expectMismatchPrefix(res: HttpResult, engineMessagePrefix: string): void {
  expect(res.status).toBe(400);
  expectJson(res);
  expect(res.body).toEqual({ type: 'RestException', message: expect.any(String), code: 0 });
  expect(res.body.message.startsWith(`${MISMATCH}${engineMessagePrefix}`)).toBe(true);
}

export const noMatch = (name: string) => `Cannot correlate message '${name}': No process definition or execution matches the parameters`;

/** §3.2 #4 / §2.4: a conversion failure reported by POST /message. */
export function expectDeliveryError(res: HttpResult, conversionMessage: string): void {
  expectError(res, 400, 'InvalidRequestException', `Cannot deliver message: ${conversionMessage}`, null);
}

/** §2.5 output form of a primitive / Json / Xml value. */
export const out = (type: string, value: unknown) => ({ type, value, valueInfo: {} });

let counter = 0;
/** A business key unique within the run. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;
