import { SignJWT } from 'jose';

import { Permission } from '../../../src/infrastructure/auth/route-permissions';

/** The HS256 secret the security suites start their servers with (AUTH_JWT_SECRET needs 32+ characters). */
export const SECRET = 'security-suite-secret-0123456789-abcdefghij';

export const ALL_PERMISSIONS: readonly Permission[] = [
  'models:read',
  'models:write',
  'instances:read',
  'instances:write',
  'messages:correlate',
  'events:trigger',
  'tasks:read',
  'tasks:write',
  'admin',
];

export interface TokenOptions {
  readonly scopes?: readonly string[];
  /** The `tenants` claim; undefined leaves it out (only tenant-less resources are visible then). */
  readonly tenants?: readonly string[];
  readonly secret?: string;
  /** Seconds relative to now. */
  readonly expiresIn?: number;
  readonly notBefore?: number;
  readonly issuer?: string;
  readonly audience?: string;
  readonly subject?: string;
}

/** Signs an HS256 bearer token with the given claims. */
export async function token(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { scope: (options.scopes ?? ALL_PERMISSIONS).join(' ') };
  if (options.tenants !== undefined) claims.tenants = options.tenants;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? 'security-suite')
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresIn ?? 600));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

export function bearer(jwt: string): Record<string, string> {
  return { authorization: `Bearer ${jwt}` };
}

/** Every permission but the given one. */
export function allBut(permission: string): string[] {
  return ALL_PERMISSIONS.filter((p) => p !== permission);
}
