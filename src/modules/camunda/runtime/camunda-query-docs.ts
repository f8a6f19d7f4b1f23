import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

/** Documents the query parameters of a Camunda list route (all optional strings, read leniently by the service). */
export function CamundaQueryParams(params: Readonly<Record<string, string>>): MethodDecorator {
  return applyDecorators(...Object.entries(params).map(([name, description]) => ApiQuery({ name, required: false, type: String, description })));
}

export const PAGING_PARAMS = {
  firstResult: 'Index of the first result (default 0)',
  maxResults: 'Maximum number of results (default: all)',
} as const;

export const SORT_PARAMS = {
  sortBy: 'Sort key; requires sortOrder',
  sortOrder: 'asc or desc; requires sortBy',
} as const;

export const VARIABLE_FILTER = 'Comma-separated name_operator_value terms; operators eq, neq, gt, gteq, lt, lteq, like, notLike';
