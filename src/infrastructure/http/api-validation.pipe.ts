import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';

import { rawJsonKeys } from '../../common/dto/raw-json.decorator';
import { ApiError, ErrorCode } from '../../common/errors/api-error';

/**
 * Validates and transforms DTOs, but hands @RawJson fields through untouched: an object placeholder is
 * validated in their place and the original value put back afterwards.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      exceptionFactory: (errors) => new ApiError(ErrorCode.VALIDATION_ERROR, describe(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const keys = rawJsonKeys(metadata.metatype);
    if (keys.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return super.transform(value, metadata);
    const shallow: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const raw = new Map<string, unknown>();
    for (const key of keys) {
      const field = shallow[key];
      if (field !== null && typeof field === 'object' && !Array.isArray(field)) {
        raw.set(key, field);
        shallow[key] = {};
      }
    }
    const result = (await super.transform(shallow, metadata)) as Record<string, unknown>;
    for (const [key, field] of raw) result[key] = field;
    return result;
  }
}

function describe(errors: ValidationError[], prefix = ''): string {
  return errors
    .flatMap((e) => {
      const path = `${prefix}${e.property}`;
      const own = Object.values(e.constraints ?? {});
      const nested = e.children?.length ? [describe(e.children, `${path}.`)] : [];
      return [...own, ...nested].map((m) => (m.startsWith(path) ? m : `${path}: ${m}`));
    })
    .join('; ');
}
