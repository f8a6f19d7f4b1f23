import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Runs `npm run sdk -- --check`: openapi-typescript generates the types and compares them with sdk/schema.d.ts. */
function checkSdk(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'sdk', '--', '--check'], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('sdk/schema.d.ts', () => {
  it('is what openapi-typescript generates from openapi/openapi.json (run `npm run sdk`, or `npm run openapi`)', async () => {
    const result = await checkSdk();
    expect(result.output).not.toContain('not up-to-date');
    expect(result.code).toBe(0);
  });
});
