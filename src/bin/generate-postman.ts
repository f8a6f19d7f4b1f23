import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { convertV2 } from 'openapi-to-postmanv2';
import schemaFaker from 'openapi-to-postmanv2/assets/json-schema-faker.js';

/** Postman has no "same origin": the collection's baseUrl is the first absolute server of the document. */
const FALLBACK_BASE_URL = 'http://127.0.0.1:3000';

interface Item {
  item?: Item[];
  request?: { method: string; url: { path: string[] }; auth?: unknown };
}

interface Collection {
  info: Record<string, unknown>;
  item: Item[];
  variable?: { key: string; value: string; type?: string; description?: string }[];
}

interface OpenApiDocument {
  servers?: { url: string }[];
  paths?: Record<string, Record<string, { security?: unknown[] }>>;
}

/** A fixed-seed generator (mulberry32), so faked request values are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Postman's requests inherit the collection's bearer auth (`auth: null`) whatever the operation declares; the
 * ones the document marks public (`security: []`) are switched to no auth, so they are sent without a token.
 */
function exemptPublicRequests(items: Item[], document: OpenApiDocument): void {
  for (const item of items) {
    if (item.item) exemptPublicRequests(item.item, document);
    const request = item.request;
    if (!request) continue;
    const path = `/${request.url.path.map((segment) => segment.replace(/^:(.+)$/, '{$1}')).join('/')}`;
    const security = document.paths?.[path]?.[request.method.toLowerCase()]?.security;
    if (Array.isArray(security) && security.length === 0) request.auth = { type: 'noauth' };
  }
}

function convert(document: object): Promise<Collection> {
  // The converter fakes values (from examples where the document has them, from schemas where not) with
  // Math.random, partly through the faker's own option: both get the seeded generator while it runs.
  const random = Math.random;
  const seeded = seededRandom(20_240_601);
  Math.random = seeded;
  schemaFaker.option({ random: seeded });
  return new Promise<Collection>((resolve, reject) => {
    const options = { parametersResolution: 'Example', folderStrategy: 'Tags', enableOptionalParameters: false } as const;
    convertV2({ type: 'json', data: document }, options, (error, result) => {
      if (error) reject(new Error(error.message));
      else if (!result?.result || !result.output?.[0]) reject(new Error(`openapi-to-postmanv2: ${result?.reason ?? 'no collection'}`));
      else resolve(result.output[0].data as Collection);
    });
  }).finally(() => {
    Math.random = random;
    schemaFaker.option({ random });
  });
}

/**
 * The Postman collection of the OpenAPI document, as Postman's "Import" builds it (openapi-to-postmanv2, request
 * values from the examples, one folder per tag, optional parameters present but off, so that an Idempotency-Key
 * placeholder is not sent by accident), made stable so it can be committed and checked for drift:
 * - the random ids Postman assigns to the collection, folders and requests are left out (Postman assigns new
 *   ones on import);
 * - saved example responses are left out: they are faked from the response schemas with the current time,
 *   say nothing the document's response schemas do not, and would make the file nine times larger;
 * - `baseUrl` points at the engine (the document's first server is relative, for Swagger UI), and
 *   `bearerToken`, which the collection's bearer auth sends, is declared (empty: the embedded default needs none);
 *   public operations (`security: []`) send no token.
 */
export async function generatePostmanCollection(document: OpenApiDocument): Promise<string> {
  const collection = await convert(document);
  exemptPublicRequests(collection.item, document);
  const baseUrl = document.servers?.map((s) => s.url).find((url) => /^https?:\/\//.test(url)) ?? FALLBACK_BASE_URL;
  collection.variable = [
    { key: 'baseUrl', value: baseUrl, type: 'string', description: 'The engine, e.g. http://127.0.0.1:3000 for npm start' },
    { key: 'bearerToken', value: '', type: 'string', description: 'A JWT when the engine runs with AUTH_JWT_SECRET or AUTH_JWKS_URL' },
  ];
  const stable = JSON.stringify(collection, (key, value: unknown) => (key === 'id' || key === '_postman_id' || key === 'response' ? undefined : value), 2);
  return `${stable}\n`;
}

export function readOpenApiDocument(root = process.cwd()): OpenApiDocument {
  return JSON.parse(readFileSync(join(root, 'openapi', 'openapi.json'), 'utf8'));
}

/** Writes openapi/postman-collection.json from the committed openapi/openapi.json. */
export async function writePostmanCollection(root = process.cwd()): Promise<string> {
  const target = join(root, 'openapi', 'postman-collection.json');
  writeFileSync(target, await generatePostmanCollection(readOpenApiDocument(root)));
  return target;
}

if (require.main === module) {
  void writePostmanCollection().then((target) => console.log(`Wrote ${target}`));
}
