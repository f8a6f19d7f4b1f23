import { AsyncLocalStorage } from 'node:async_hooks';

import { ApiError, ErrorCode } from '../../common/errors/api-error';

/** Who is calling: the permissions of their token and the tenants they may see (null: every tenant). */
export interface Principal {
  readonly subject: string | null;
  /** null when authentication is off: everything is allowed. */
  readonly scopes: ReadonlySet<string> | null;
  readonly tenants: readonly string[] | null;
}

const storage = new AsyncLocalStorage<Principal>();

/** Used outside requests (workers, sweepers, tests): no restriction. */
const SYSTEM: Principal = { subject: null, scopes: null, tenants: null };

export function runAs<T>(principal: Principal, fn: () => T): T {
  return storage.run(principal, fn);
}

export function currentPrincipal(): Principal {
  return storage.getStore() ?? SYSTEM;
}

/** The tenants the caller may see; null means all of them. Resources without a tenant are visible to all. */
export function visibleTenants(): readonly string[] | null {
  return currentPrincipal().tenants;
}

/**
 * SQL restricting a `tenant_id` column (where '' means "no tenant") to what the caller may see, or an
 * always-true condition when the caller is unrestricted.
 */
export function tenantFilter(column: string): { sql: string; params: string[] } {
  return tenantFilterFor(column, visibleTenants());
}

/**
 * The same for an explicit set of tenants, captured while the request was current: for work that runs
 * later outside the request's context (parked fetch-and-lock requests retried from a timer).
 */
export function tenantFilterFor(column: string, tenants: readonly string[] | null): { sql: string; params: string[] } {
  if (tenants === null) return { sql: '1 = 1', params: [] };
  if (tenants.length === 0) return { sql: `${column} = ''`, params: [] };
  // One IN list rather than an OR: both databases use an index on the column for it.
  return { sql: `${column} IN ('', ${tenants.map(() => '?').join(', ')})`, params: [...tenants] };
}

/** Whether the caller may see a resource of this tenant (null or '' meaning none). */
export function canSeeTenant(tenantId: string | null | undefined): boolean {
  const tenants = visibleTenants();
  return tenants === null || !tenantId || tenants.includes(tenantId);
}

/** Creating something in a tenant the caller may not see is forbidden, not "not found". */
export function assertMayWriteTenant(tenantId: string | null | undefined): void {
  if (!canSeeTenant(tenantId)) {
    throw new ApiError(ErrorCode.FORBIDDEN, `The token's tenants do not include '${String(tenantId)}'`);
  }
}
