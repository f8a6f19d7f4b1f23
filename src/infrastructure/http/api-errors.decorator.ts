import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { CamundaErrorDto, ErrorResponseDto } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (body, parameters or variables)',
  401: 'No valid authentication',
  403: 'Authenticated but not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Idempotency key reused with a different request',
  500: 'Internal error (logged)',
};

type ErrorSpec = number | { status: number; type?: Type<unknown>; description?: string };

function responses(body: Type<unknown>, always: number[], specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, { type: Type<unknown>; description: string }>();
  for (const status of always) byStatus.set(status, { type: body, description: DESCRIPTIONS[status] });
  for (const spec of specs) {
    const s = typeof spec === 'number' ? { status: spec } : spec;
    byStatus.set(s.status, { type: s.type ?? body, description: s.description ?? DESCRIPTIONS[s.status] ?? 'Error' });
  }
  const models = [...new Set([...byStatus.values()].map((r) => r.type))];
  return applyDecorators(
    ApiExtraModels(...models),
    ...[...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, r]) => ApiResponse({ status, description: r.description, schema: { $ref: getSchemaPath(r.type) } })),
  );
}

/** Documents a native route's error answers: always 400, 401, 403 and 500, plus the ones named. */
export function ApiErrors(...specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  return responses(ErrorResponseDto, [400, 401, 403, 500], specs);
}

/** Documents a Camunda-compatible route's error answers with Camunda's ExceptionDto. */
export function CamundaErrors(...specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  return responses(CamundaErrorDto, [400, 401, 403, 500], specs);
}
