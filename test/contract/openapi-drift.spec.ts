import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateOpenApi } from '../../src/bin/generate-openapi';

describe('openapi/openapi.json', () => {
  it('is exactly what the controllers and DTOs generate (run `npm run openapi` after changing a route or DTO)', async () => {
    const committed = readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8');
    expect(await generateOpenApi()).toBe(committed);
  });

  it('names every operation after its handler, and documents errors with the error schema', async () => {
    const document = JSON.parse(await generateOpenApi());
    const ids: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        ids.push(operation.operationId);
        expect(`${method} ${path}: ${operation.operationId}`).toMatch(/: [a-z][A-Za-z0-9]+$/);
        if (path === '/health') continue;
        const errors = Object.keys(operation.responses).filter((status) => Number(status) >= 400);
        expect(`${method} ${path}: ${errors.join(',')}`).toMatch(/400.*500/);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
