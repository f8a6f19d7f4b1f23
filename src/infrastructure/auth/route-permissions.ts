/** What a token's `scope` claim must hold to call a route. */
export type Permission =
  | 'models:read'
  | 'models:write'
  | 'instances:read'
  | 'instances:write'
  | 'messages:correlate'
  | 'events:trigger'
  | 'tasks:read'
  | 'tasks:write'
  | 'admin';

/** Routes anyone may call: the health check, the API documentation (Swagger UI loads without a token) and the cockpit's page and assets. */
export const PUBLIC = 'public';

export type RouteRule = Permission | typeof PUBLIC;

/**
 * Every route of the engine and the permission it needs, in one table. Keys are `METHOD /path` as the
 * router registers them (HEAD follows GET). A route that is not listed makes start-up fail, so no new
 * route can escape authorisation.
 */
const TABLE: Readonly<Record<RouteRule, readonly string[]>> = {
  public: [
    'GET /health',
    'GET /api-docs',
    'GET /api-docs/',
    'GET /api-docs/swagger-ui-init.js',
    'GET /api-docs/api-docs/swagger-ui-init.js',
    'GET /api-docs/index.html',
    'GET /api-docs/LICENSE',
    'GET /api-docs/*',
    'GET /api-docs-json',
    'GET /api-docs-yaml',
    // The browser cockpit: a page and its assets, no data; the page calls the API with the user's token.
    'GET /cockpit',
    'GET /cockpit/',
    'GET /cockpit/assets/:file',
  ],
  'models:read': [
    'GET /process_models',
    'GET /process_models/:process_model_key',
    'GET /process_models/:process_model_key/xml',
    'GET /engine-rest/deployment',
    'GET /engine-rest/deployment/count',
    'GET /engine-rest/deployment/:id',
    'GET /engine-rest/process-definition',
    'GET /engine-rest/process-definition/count',
    'GET /engine-rest/process-definition/:id',
    'GET /engine-rest/process-definition/:id/xml',
    'GET /engine-rest/process-definition/key/:key',
    'GET /engine-rest/process-definition/key/:key/xml',
    'GET /engine-rest/process-definition/key/:key/tenant-id/:tenantId',
    'GET /engine-rest/process-definition/key/:key/tenant-id/:tenantId/xml',
    'GET /engine-rest/engine',
    'GET /engine-rest/version',
  ],
  'models:write': ['POST /process_models', 'POST /engine-rest/deployment/create'],
  'instances:read': [
    'GET /correlations',
    'GET /correlations/:correlation_id',
    'GET /process_models/:process_model_key/correlations/:correlation_id',
    'GET /process_models/:process_model_key/correlations/:correlation_id/events',
    'GET /process_instances/:id',
    'GET /process_instances/:id/variables',
    'GET /incidents',
    'GET /incidents/:incident_id',
    'GET /process_instances/:id/history',
    'GET /process_instances/:id/stream',
    'GET /correlations/:correlation_id/stream',
    'GET /engine-rest/process-instance',
    'POST /engine-rest/process-instance',
    'GET /engine-rest/process-instance/count',
    'POST /engine-rest/process-instance/count',
    'GET /engine-rest/process-instance/:id',
    'GET /engine-rest/process-instance/:id/variables',
    'GET /engine-rest/process-instance/:id/variables/:varName',
    'GET /engine-rest/process-instance/:id/variables/:varName/data',
    'GET /engine-rest/execution',
    'GET /engine-rest/execution/count',
    'GET /engine-rest/execution/:id',
    'GET /engine-rest/execution/:id/localVariables',
    'GET /engine-rest/execution/:id/localVariables/:varName',
    'GET /engine-rest/execution/:id/localVariables/:varName/data',
    'GET /engine-rest/execution/:id/messageSubscriptions/:messageName',
    'GET /engine-rest/event-subscription',
    'GET /engine-rest/event-subscription/count',
    'GET /engine-rest/incident',
    'GET /engine-rest/incident/count',
    'GET /engine-rest/incident/:id',
    'GET /engine-rest/history/process-instance',
    'GET /engine-rest/history/process-instance/count',
    'GET /engine-rest/history/process-instance/:id',
    'GET /engine-rest/history/activity-instance',
    'GET /engine-rest/history/activity-instance/count',
    'GET /engine-rest/history/activity-instance/:id',
  ],
  'instances:write': [
    'POST /process_models/:process_model_key/start',
    'DELETE /process_instances/:id',
    'POST /incidents/:incident_id/retry',
    'POST /engine-rest/process-definition/:id/start',
    'POST /engine-rest/process-definition/key/:key/start',
    'POST /engine-rest/process-definition/key/:key/tenant-id/:tenantId/start',
    'DELETE /engine-rest/process-instance/:id',
    'POST /engine-rest/process-instance/:id/variables',
    'PUT /engine-rest/process-instance/:id/variables/:varName',
    'DELETE /engine-rest/process-instance/:id/variables/:varName',
    'POST /engine-rest/process-instance/:id/variables/:varName/data',
    'POST /engine-rest/execution/:id/localVariables',
    'PUT /engine-rest/execution/:id/localVariables/:varName',
    'DELETE /engine-rest/execution/:id/localVariables/:varName',
    'POST /engine-rest/execution/:id/localVariables/:varName/data',
  ],
  'messages:correlate': [
    'POST /messages',
    'POST /messages/explain',
    'GET /messages/buffered',
    'GET /messages/buffered/:message_id',
    'DELETE /messages/buffered/:message_id',
    'POST /engine-rest/message',
  ],
  'events:trigger': [
    'POST /process_models/:process_model_key/correlations/:correlation_id/events/:event_id/trigger',
    'POST /engine-rest/execution/:id/messageSubscriptions/:messageName/trigger',
  ],
  'tasks:read': [
    'GET /tasks',
    'GET /tasks/:task_id',
    'GET /engine-rest/task',
    'GET /engine-rest/task/count',
    'GET /engine-rest/task/:id',
    'GET /engine-rest/task/:id/variables',
    'GET /engine-rest/task/:id/variables/:varName',
    'GET /engine-rest/task/:id/variables/:varName/data',
    'GET /engine-rest/task/:id/localVariables',
    'GET /engine-rest/task/:id/localVariables/:varName',
    'GET /engine-rest/task/:id/localVariables/:varName/data',
    'GET /engine-rest/external-task',
    'GET /engine-rest/external-task/count',
    'GET /engine-rest/external-task/:id',
    'GET /engine-rest/external-task/:id/errorDetails',
  ],
  'tasks:write': [
    'POST /tasks/:task_id/complete',
    'POST /engine-rest/task/:id/complete',
    'POST /engine-rest/task/:id/variables',
    'PUT /engine-rest/task/:id/variables/:varName',
    'DELETE /engine-rest/task/:id/variables/:varName',
    'POST /engine-rest/task/:id/variables/:varName/data',
    'POST /engine-rest/task/:id/localVariables',
    'PUT /engine-rest/task/:id/localVariables/:varName',
    'DELETE /engine-rest/task/:id/localVariables/:varName',
    'POST /engine-rest/task/:id/localVariables/:varName/data',
    'POST /engine-rest/external-task/fetchAndLock',
    'POST /engine-rest/external-task/:id/complete',
    'POST /engine-rest/external-task/:id/failure',
    'POST /engine-rest/external-task/:id/bpmnError',
    'POST /engine-rest/external-task/:id/extendLock',
    'POST /engine-rest/external-task/:id/lock',
    'POST /engine-rest/external-task/:id/unlock',
    'PUT /engine-rest/external-task/:id/retries',
  ],
  admin: ['GET /metrics', 'GET /queues', 'GET /queues/*', 'POST /queues/*', 'PUT /queues/*', 'DELETE /queues/*', 'PATCH /queues/*'],
};

const RULES: ReadonlyMap<string, RouteRule> = new Map(
  (Object.entries(TABLE) as [RouteRule, readonly string[]][]).flatMap(([rule, routes]) => routes.map((route) => [route, rule] as const)),
);

/** The rule of a route as registered (method and path pattern); undefined when the table has no entry. */
export function ruleFor(method: string, url: string): RouteRule | undefined {
  const verb = method === 'HEAD' ? 'GET' : method;
  return RULES.get(`${verb} ${url}`);
}

export function allRules(): ReadonlyMap<string, RouteRule> {
  return RULES;
}
