import { HttpResult, TestServer, fixture } from '../../helpers/test-server';

/** Camunda's date format: milliseconds and a numeric offset without colon (the suite runs in UTC). */
export const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

/** A definition id as Camunda builds it: `<key>:<version>:<generated id>`. */
export function definitionId(key: string, version: number): RegExp {
  return new RegExp(`^${key}:${version}:[0-9a-f-]{36}$`);
}

export interface ModelerDeploy {
  readonly name?: string;
  readonly source?: string;
  readonly tenantId?: string;
  /** Modeler ≥ 4 sends enable-duplicate-filtering; older versions sent deploy-changed-only. */
  readonly flags?: Record<string, string>;
}

/**
 * The multipart form Camunda Modeler builds (CamundaAPI.js#deployDiagram): name, source, duplicate
 * filtering, optional tenant, then every file as a `text/xml` blob whose part name is its file name.
 */
export function modelerForm(files: Record<string, string>, options: ModelerDeploy = {}): FormData {
  const form = new FormData();
  if (options.name !== undefined) form.append('deployment-name', options.name);
  if (options.source !== undefined) form.append('deployment-source', options.source);
  for (const [flag, value] of Object.entries(options.flags ?? { 'enable-duplicate-filtering': 'true' })) form.append(flag, value);
  if (options.tenantId !== undefined) form.append('tenant-id', options.tenantId);
  for (const [fileName, xml] of Object.entries(files)) form.append(fileName, new Blob([xml], { type: 'text/xml' }), fileName);
  return form;
}

/** Deploys fixtures the way Modeler does and asserts the 200; returns the DeploymentWithDefinitionsDto. */
export async function deployFixtures(server: TestServer, fixtures: readonly string[], options: ModelerDeploy = {}): Promise<any> {
  const files = Object.fromEntries(fixtures.map((f) => [f, fixture(f)]));
  const result = await server.post('/engine-rest/deployment/create', modelerForm(files, { name: 'deployment', source: 'Camunda Modeler', ...options }));
  return expectCamundaJson(result, 200);
}

/** Asserts a successful answer: status, content type exactly `application/json`, a JSON body; returns the body. */
export function expectCamundaJson(result: HttpResult, status: number): any {
  expect({ status: result.status, text: result.text }).toEqual({ status, text: expect.any(String) });
  expect(result.headers.get('content-type')).toBe('application/json');
  return result.body;
}

/** Asserts a Camunda error answer exactly: status, content type, and the whole `{type, message, code}` body. */
export function expectCamundaError(result: HttpResult, status: number, body: { type: string; message: string; code: number | null }): void {
  expect({ status: result.status, body: result.body }).toEqual({ status, body });
  expect(result.headers.get('content-type')).toBe('application/json');
}

/** The process definition DTO fields this engine reports for a fixture. */
export function expectedDefinition(row: { key: string; version: number; deploymentId: string; resource: string; name?: string | null; tenantId?: string | null; versionTag?: string | null; historyTimeToLive?: number | null }) {
  return {
    id: expect.stringMatching(definitionId(row.key, row.version)),
    key: row.key,
    category: 'http://bpmn.io/schema/bpmn',
    description: null,
    name: row.name ?? null,
    version: row.version,
    resource: row.resource,
    deploymentId: row.deploymentId,
    diagram: null,
    suspended: false,
    tenantId: row.tenantId ?? null,
    versionTag: row.versionTag ?? null,
    historyTimeToLive: row.historyTimeToLive ?? null,
    startableInTasklist: true,
  };
}
