import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { generatePostmanCollection, readOpenApiDocument } from '../../src/bin/generate-postman';

const ROOT = join(__dirname, '../..');

interface Request {
  method: string;
  url: { path: string[]; host: string[] };
  auth?: unknown;
  body?: { mode?: string; raw?: string };
}
interface Item {
  name: string;
  item?: Item[];
  request?: Request;
}

function requests(items: Item[]): Request[] {
  return items.flatMap((item) => (item.item ? requests(item.item) : item.request ? [item.request] : []));
}

/** `METHOD /path/{param}` as in the OpenAPI document, from a request's `/path/:param`. */
function route(request: Request): string {
  return `${request.method} /${request.url.path.map((segment) => segment.replace(/^:(.+)$/, '{$1}')).join('/')}`;
}

describe('openapi/postman-collection.json', () => {
  const document = readOpenApiDocument(ROOT) as Required<ReturnType<typeof readOpenApiDocument>>;
  const committed = readFileSync(join(ROOT, 'openapi/postman-collection.json'), 'utf8');
  const collection = JSON.parse(committed) as { item: Item[]; auth: unknown; variable: { key: string; value: string }[] };
  let generated: string;
  beforeAll(async () => {
    generated = await generatePostmanCollection(document);
  });

  it('is exactly what the generator makes of openapi/openapi.json (run `npm run openapi`, or `npm run postman`)', () => {
    expect(generated).toBe(committed);
  });

  it('has one request per operation of the document, all against {{baseUrl}}', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    const all = requests(collection.item);
    expect(all.map(route).sort()).toEqual(operations.sort());
    expect(new Set(all.map((r) => r.url.host.join('')))).toEqual(new Set(['{{baseUrl}}']));
  });

  it('imports pointed at the engine, with bearer auth from a bearerToken variable that public routes do not send', () => {
    expect(collection.variable).toEqual([
      expect.objectContaining({ key: 'baseUrl', value: 'http://127.0.0.1:3000' }),
      expect.objectContaining({ key: 'bearerToken', value: '' }),
    ]);
    expect(collection.auth).toEqual({ type: 'bearer', bearer: [{ type: 'any', key: 'token', value: '{{bearerToken}}' }] });
    const byRoute = new Map(requests(collection.item).map((r) => [route(r), r]));
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(byRoute.get('GET /health')!.auth).toEqual({ type: 'noauth' });
    // null: the request inherits the collection's auth.
    expect(byRoute.get('GET /process_models')!.auth).toBeNull();
  });

  it("sends the tutorial's sample payment message as the body of both message routes", () => {
    const byRoute = new Map(requests(collection.item).map((r) => [route(r), r]));
    for (const name of ['POST /engine-rest/message', 'POST /messages']) {
      const body = byRoute.get(name)!.body!;
      expect(body.mode).toBe('raw');
      expect(JSON.parse(body.raw!)).toEqual({
        messageName: 'PaymentReceived',
        correlationKeys: { customer: { value: 'alice', type: 'String' } },
        processVariables: { variable1: { value: '100', type: 'String' }, variable2: { value: 'credit', type: 'String' } },
      });
    }
  });
});
