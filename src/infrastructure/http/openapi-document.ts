import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { TypedValueDto } from '../../common/dto/typed-value.dto';

const DESCRIPTION = `A BPMN 2.0 process engine centred on message events.

Two faces over one engine:
- the **native API** (process models, correlations, process instances, tasks, messages, events), whose errors are
  \`{ "type", "message", "code" }\` with a stable string code;
- the **Camunda 7 compatible API** under \`/engine-rest\` (POST /message and its neighbours), wire-compatible with
  Camunda 7 clients, whose errors are Camunda's \`{ "type", "message", "code" }\` with a numeric or null code.

JSON responses carry \`Content-Type: application/json\` without a charset, as Camunda's external task client requires.
A request with a JSON content type and an empty body is read as \`{}\`. Unknown request properties are ignored.`;

/** The OpenAPI document, generated from the controllers and DTOs; operation ids are the handler names. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Message BPMN Engine')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
    extraModels: [TypedValueDto],
  });
}

export function setupSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api-docs', app, document, {
    jsonDocumentUrl: 'api-docs-json',
    swaggerOptions: { persistAuthorization: true, displayOperationId: true },
    customSiteTitle: 'Message BPMN Engine API',
  });
}
