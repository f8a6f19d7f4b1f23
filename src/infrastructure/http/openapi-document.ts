import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { TypedValueDto } from '../../common/dto/typed-value.dto';
import { PUBLIC, ruleFor } from '../auth/route-permissions';

const DESCRIPTION = `A BPMN 2.0 process engine centred on message events.

Two faces over one engine:
- the **native API** (process models, correlations, process instances, tasks, messages, events), whose errors are
  \`{ "type", "message", "code" }\` with a stable string code;
- the **Camunda 7 compatible API** under \`/engine-rest\` (POST /message and its neighbours), wire-compatible with
  Camunda 7 clients, whose errors are Camunda's \`{ "type", "message", "code" }\` with a numeric or null code.

JSON responses carry \`Content-Type: application/json\` without a charset, as Camunda's external task client requires.
A request with a JSON content type and an empty body is read as \`{}\`. Unknown request properties are ignored.
Under \`/engine-rest\`, as Camunda Run answers: a body in another media type than JSON sent to a JSON operation is a 415
\`NotSupportedException\`, a known path called with a method it does not have is a 405 \`NotAllowedException\` with an
\`Allow\` header (OPTIONS on it is a 204 with that header), and a path no resource has is a 404 \`NotFoundException\`
(\`HTTP 404 Not Found\`).

**Where the Camunda routes knowingly differ from Camunda 7** (each operation's description has the details):
JSON numbers are read as JavaScript numbers, so a Long beyond ±2^53 loses precision and an untyped \`1.0\` is the
Integer 1 (send Long values within that range, and Double values with a \`type\`); concurrent branches and activities
with boundary events share their (sub)process scope's execution; a failure while the process continues after a
message, start or task completion does not roll the call back but becomes an incident after the continuation's
retries; multi-instance activities are refused at deployment.

**Authentication.** Every operation declares the \`bearer\` scheme (\`Authorization: Bearer <JWT>\`); those that declare
no security (\`/health\`) never need a token. Whether a token is checked depends on how the engine runs: on the embedded
default (no \`AUTH_JWT_SECRET\` / \`AUTH_JWKS_URL\`) it is not, and a request without one is answered. When it is, the
token's \`scope\` claim must hold the operation's permission (\`models:read\`, \`messages:correlate\`, …, listed per route
in \`src/infrastructure/auth/route-permissions.ts\`) and its \`tenants\` claim limits what it sees.

**Servers.** The first server is relative (\`/\`): the engine that serves this document, which is what Swagger UI's
"Try it out" calls. Generated clients and imported Postman collections have no such origin: point them at the engine,
\`http://127.0.0.1:3000\` for \`npm start\` (the second server; the Postman collection's \`baseUrl\` variable).`;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The OpenAPI document, generated from the controllers and DTOs; operation ids are the handler names. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Message BPMN Engine')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'The engine serving this document (Swagger UI "Try it out")')
    .addServer('http://127.0.0.1:3000', 'The embedded default (npm start)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
    extraModels: [TypedValueDto],
  });
  exemptPublicOperations(document);
  return document;
}

/**
 * The permission table decides which routes are public, so the document takes it from there rather than from
 * decorators that could disagree: those operations get `security: []`, and clients generated from the document
 * send them without a token.
 */
function exemptPublicOperations(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const routerPath = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation && ruleFor(method.toUpperCase(), routerPath) === PUBLIC) operation.security = [];
    }
  }
}

export function setupSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api-docs', app, document, {
    jsonDocumentUrl: 'api-docs-json',
    swaggerOptions: { persistAuthorization: true, displayOperationId: true },
    customSiteTitle: 'Message BPMN Engine API',
  });
}
