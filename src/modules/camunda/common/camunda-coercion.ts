import { Transform } from 'class-transformer';

/**
 * Jackson, behind Camunda's REST API, coerces scalars: "true"/"false" and 0/1 for booleans, numbers and
 * booleans for strings. Values it cannot coerce fail validation, which Camunda routes answer with
 * `{"type":"InvalidRequestException","message":"","code":null}`.
 */
export function CamundaBoolean(): PropertyDecorator {
  return Transform(({ value }) => {
    if (value === 'true' || value === 1) return true;
    if (value === 'false' || value === 0) return false;
    return value;
  });
}

export function CamundaString(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value));
}
