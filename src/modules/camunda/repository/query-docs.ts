import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

export const LIST_PARAMS = ['firstResult', 'maxResults'];

/**
 * Documents the query parameters of a Camunda list or count route. They are read by hand (see
 * query-params.ts) because Camunda's conversion rules and error texts differ from class-validator's.
 */
export function ApiCamundaQuery(names: readonly string[], sortKeys?: string): MethodDecorator {
  const sorting = sortKeys
    ? [
        ApiQuery({ name: 'sortBy', required: false, type: String, description: `One of: ${sortKeys}; requires sortOrder` }),
        ApiQuery({ name: 'sortOrder', required: false, enum: ['asc', 'desc'], description: 'Requires sortBy' }),
      ]
    : [];
  return applyDecorators(...names.map((name) => ApiQuery({ name, required: false, type: String })), ...sorting);
}
