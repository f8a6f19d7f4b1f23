import 'reflect-metadata';

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createApp } from '../app.factory';
import { loadConfiguration } from '../config/configuration';
import { buildOpenApiDocument } from '../infrastructure/http/openapi-document';
import { writePostmanCollection } from './generate-postman';

/**
 * Writes openapi/openapi.json from the controllers and DTOs (`npm run openapi`), then the Postman collection and
 * the SDK's types (`npm run sdk`) from it, so the three never disagree.
 */
export async function generateOpenApi(): Promise<string> {
  const config = loadConfiguration({ SQLITE_PATH: ':memory:' });
  const app = await createApp(config, { logger: false, swagger: false });
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  void generateOpenApi().then(async (json) => {
    const target = join(process.cwd(), 'openapi', 'openapi.json');
    writeFileSync(target, json);
    console.log(`Wrote ${target}`);
    console.log(`Wrote ${await writePostmanCollection()}`);
    execFileSync('npm', ['run', '--silent', 'sdk'], { stdio: 'inherit' });
  });
}
