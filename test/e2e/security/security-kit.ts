import { HttpResult, TestServer, eventually, fixture } from '../helpers/test-server';

export const MODEL_KEY = 'sec-order';
export const MESSAGE_NAME = 'sec-payment';
export const TOPIC = 'sec-ship';
export const WORKER = 'sec-worker';
/** A Bytes variable every instance starts with (and its user task holds locally), so that the binary variable routes have something to return. */
export const BINARY_VARIABLE = 'doc';

/** Everything of one tenant the routes can name: the model and the ids of one running instance's parts. */
export interface TenantResources {
  readonly tenant: string;
  readonly xml: string;
  readonly modelKey: string;
  readonly deploymentId: string;
  readonly definitionId: string;
  readonly instanceId: string;
  readonly correlationId: string;
  readonly businessKey: string;
  readonly taskId: string;
  readonly externalTaskId: string;
  readonly eventId: string;
  readonly incidentId: string;
  readonly bufferedMessageId: string;
  readonly messageName: string;
  readonly topic: string;
  readonly varName: string;
  readonly workerId: string;
}

export interface InstanceParts {
  readonly instanceId: string;
  readonly correlationId: string;
  readonly businessKey: string;
  readonly taskId: string;
  readonly externalTaskId: string;
  readonly eventId: string;
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export function ok(result: HttpResult, status?: number): any {
  const described = `${result.status} ${result.text}`;
  if (status !== undefined) expect({ status: result.status, described }).toEqual({ status, described });
  else expect({ ok: result.status < 300, described }).toEqual({ ok: true, described });
  return result.body;
}

/** Deploys sec-order.bpmn into a tenant with an unrestricted token and returns the deployment and definition ids. */
export async function deployModel(server: TestServer, admin: Record<string, string>, tenant: string | undefined, file = 'sec-order.bpmn') {
  const body = ok(await server.post('/process_models', { xml: fixture(file), name: file.replace(/\.bpmn$/, ''), ...(tenant ? { tenantId: tenant } : {}) }, admin));
  return { deploymentId: body.deploymentId as string, definitionId: body.models[0].processDefinitionId as string };
}

/**
 * Starts an instance of sec-order in a tenant and waits for its three wait states: the user task, the
 * message catch event and the external task, which is then locked for WORKER.
 */
export async function startInstance(
  server: TestServer,
  admin: Record<string, string>,
  tenant: string | undefined,
  options: { variables?: Record<string, unknown>; correlationId?: string; businessKey?: string } = {},
): Promise<InstanceParts> {
  const correlationId = options.correlationId ?? unique('sec-corr');
  const businessKey = options.businessKey ?? unique('sec-bk');
  const started = ok(
    await server.post(
      `/process_models/${MODEL_KEY}/start`,
      {
        correlationId,
        businessKey,
        ...(tenant ? { tenantId: tenant } : {}),
        variables: {
          amount: { value: 42, type: 'Integer' },
          [BINARY_VARIABLE]: { value: Buffer.from('hello').toString('base64'), type: 'Bytes' },
          ...options.variables,
        },
      },
      admin,
    ),
    201,
  );
  const instanceId = started.processInstanceId as string;
  const { taskId, eventId, externalTaskId } = await eventually(async () => {
    const instance = ok(await server.get(`/process_instances/${instanceId}`, admin), 200);
    expect(instance.openTasks).toHaveLength(1);
    expect(instance.waitingEvents).toHaveLength(1);
    const external = ok(await server.get(`/engine-rest/external-task?processInstanceId=${instanceId}`, admin), 200);
    expect(external).toHaveLength(1);
    return { taskId: instance.openTasks[0].taskId as string, eventId: instance.waitingEvents[0].eventId as string, externalTaskId: external[0].id as string };
  });
  ok(await server.post(`/engine-rest/external-task/${externalTaskId}/lock`, { workerId: WORKER, lockDuration: 3_600_000 }, admin), 204);
  // The user task holds the variable locally too, so that its localVariables routes have something to return.
  const local = { value: Buffer.from('hello').toString('base64'), type: 'Bytes' };
  ok(await server.request('PUT', `/engine-rest/task/${taskId}/localVariables/${BINARY_VARIABLE}`, local, admin), 204);
  return { instanceId, correlationId, businessKey, taskId, externalTaskId, eventId };
}

/** An incident: the external task of a new instance fails with no retries left. */
export async function createIncident(server: TestServer, admin: Record<string, string>, tenant: string | undefined): Promise<string> {
  const parts = await startInstance(server, admin, tenant);
  ok(await server.post(`/engine-rest/external-task/${parts.externalTaskId}/failure`, { workerId: WORKER, retries: 0, errorMessage: 'boom' }, admin), 204);
  const incidents = ok(await server.get(`/incidents?processInstanceId=${parts.instanceId}`, admin), 200);
  expect(incidents.items).toHaveLength(1);
  return incidents.items[0].id as string;
}

/** A message kept in the buffer (nothing waits for it) for a tenant. */
export async function bufferMessage(server: TestServer, admin: Record<string, string>, tenant: string | undefined): Promise<string> {
  const body = ok(await server.post('/messages', { messageName: unique('sec-buffered'), timeToLive: 'PT1H', ...(tenant ? { tenantId: tenant } : {}) }, admin), 202);
  return body.messageId as string;
}

/** All of a tenant's resources, with a running instance of its own. */
export async function tenantResources(server: TestServer, admin: Record<string, string>, tenant: string): Promise<TenantResources> {
  const { deploymentId, definitionId } = await deployModel(server, admin, tenant);
  const parts = await startInstance(server, admin, tenant);
  return {
    tenant,
    xml: fixture('sec-order.bpmn'),
    modelKey: MODEL_KEY,
    deploymentId,
    definitionId,
    ...parts,
    incidentId: await createIncident(server, admin, tenant),
    bufferedMessageId: await bufferMessage(server, admin, tenant),
    messageName: MESSAGE_NAME,
    topic: TOPIC,
    varName: BINARY_VARIABLE,
    workerId: WORKER,
  };
}
