/**
 * The engine's TypeScript client: openapi-fetch over the types openapi-typescript generates from
 * openapi/openapi.json into ./schema.d.ts (`npm run sdk`; a test fails when that file is stale). Paths,
 * parameters, request bodies and answers are typed per operation, so a change to the API that breaks a
 * caller breaks its compilation.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';

import type { paths } from './schema';

export type { components, operations, paths } from './schema';

export type EngineClient = Client<paths>;

export interface EngineClientOptions extends Omit<ClientOptions, 'headers'> {
  /** The engine, e.g. http://127.0.0.1:3000 (`npm start`); the document's own first server is relative. */
  baseUrl: string;
  /** A JWT, when the engine runs with AUTH_JWT_SECRET or AUTH_JWKS_URL; sent as `Authorization: Bearer`. */
  token?: string;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

export function createEngineClient({ token, headers, ...options }: EngineClientOptions): EngineClient {
  return createClient<paths>({
    ...options,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}
