import { SetMetadata, Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { ErrorResponseDto } from '../error-response.dto';

export const IDEMPOTENT = Symbol('idempotent');

export interface IdempotentOptions {
  /** A body field that may carry the key instead of the header (e.g. `messageId` on messages). */
  readonly bodyField?: string;
  /** A query parameter that, when `true`, makes the request change nothing (e.g. `dryRun`): no key is used up. */
  readonly exemptQuery?: string;
  /** The error body of the route's family (native by default; Camunda routes pass CamundaErrorDto). */
  readonly errorBody?: Type<unknown>;
}

/**
 * Makes a route idempotent under an `Idempotency-Key` header: a repeat with the same key and the same
 * request within the retention period gets the first answer again and changes nothing; the same key with
 * a different request is a 422.
 */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  const also = options.bodyField ? ` (or the body field \`${options.bodyField}\`)` : '';
  const errorBody = options.errorBody ?? ErrorResponseDto;
  const schema = { $ref: getSchemaPath(errorBody) };
  return applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    ApiExtraModels(errorBody),
    // The answer the key itself causes, whatever the route does.
    ApiResponse({ status: 422, description: 'This Idempotency-Key was already used with a different request', schema }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: `Makes a retry safe${also}: the first answer is replayed for the same key and request; another request under the same key is a 422.`,
    }),
  );
}
